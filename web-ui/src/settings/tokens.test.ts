import { describe, expect, it } from "vitest";
import type { TokenInfo } from "../api/types";
import { expiresAt, expiryLabel, tokenState } from "./tokens";

const now = Date.parse("2026-11-23T12:00:00Z");
const token = (over: Partial<TokenInfo>): TokenInfo => ({
  id: "t1",
  name: "laptop",
  createdAt: "2026-11-01T00:00:00Z",
  expiresAt: null,
  revokedAt: null,
  ...over,
});

describe("a new token's expiry", () => {
  it("is that many days from now", () => {
    expect(expiresAt(30, now)).toBe("2026-12-23T12:00:00.000Z");
  });
  it("is left out for a token that never expires", () => {
    expect(expiresAt(null, now)).toBeUndefined();
  });
});

describe("a listed token's state", () => {
  it("is active before its expiry and without one", () => {
    expect(tokenState(token({ expiresAt: "2026-11-23T12:00:01Z" }), now)).toBe("active");
    expect(tokenState(token({}), now)).toBe("active");
  });
  it("is expired from its expiry on", () => {
    expect(tokenState(token({ expiresAt: "2026-11-23T12:00:00Z" }), now)).toBe("expired");
  });
  it("is revoked when revoked, expired or not", () => {
    expect(tokenState(token({ expiresAt: "2026-01-01T00:00:00Z", revokedAt: "2025-12-01T00:00:00Z" }), now)).toBe("revoked");
  });
  it("says never for a token without expiry", () => {
    expect(expiryLabel(token({}))).toBe("never");
  });
});
