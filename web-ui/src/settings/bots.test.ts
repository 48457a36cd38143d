import { describe, expect, it } from "vitest";
import type { ServiceAccount } from "../api/types";
import { accountState, nameProblem } from "./bots";

const account = (over: Partial<ServiceAccount>): ServiceAccount => ({
  id: "a1",
  name: "slack",
  namespace: "slack",
  createdAt: "2026-11-01T00:00:00Z",
  rotatedAt: null,
  disabledAt: null,
  ...over,
});

describe("a service account's name", () => {
  it("may be a lowercase word with digits and hyphens, 2 to 31 characters", () => {
    for (const ok of ["slack", "github", "ci-bot-2", "ab", `a${"b".repeat(30)}`]) expect(nameProblem(ok)).toBeNull();
  });
  it("is refused with the rule when it breaks it", () => {
    for (const bad of ["a", "Slack", "2slack", "-slack", "slack bot", "slack_bot", "slack.", `a${"b".repeat(31)}`, " slack"]) {
      expect(nameProblem(bad)).toMatch(/lowercase letter first/);
    }
  });
  it("is not yet a problem while nothing is typed", () => {
    expect(nameProblem("")).toBeNull();
  });
});

describe("a service account's state", () => {
  it("is disabled once disabled, enabled otherwise", () => {
    expect(accountState(account({}))).toBe("enabled");
    expect(accountState(account({ disabledAt: "2026-11-02T00:00:00Z" }))).toBe("disabled");
  });
});
