import { describe, expect, it } from "vitest";
import { money, repoLabel, tokens } from "./format";

describe("money", () => {
  it("shows cents from a dollar up, with thousands separators", () => {
    expect(money(12.344)).toBe("$12.34");
    expect(money(1)).toBe("$1.00");
    expect(money(1234.5)).toBe("$1,234.50");
    expect(money(0.99996)).toBe("$1.00");
  });
  it("keeps up to four decimals below a dollar, so small calls do not round to nothing", () => {
    expect(money(0.0123)).toBe("$0.0123");
    expect(money(0.00012)).toBe("$0.0001");
    expect(money(0.12345)).toBe("$0.1235");
    expect(money(0.42)).toBe("$0.42");
    expect(money(0.5)).toBe("$0.50");
    expect(money(0.103)).toBe("$0.103");
  });
  it("says less than the smallest step instead of $0 for a tiny amount", () => {
    expect(money(0.00002)).toBe("<$0.0001");
  });
  it("shows zero as $0.00", () => {
    expect(money(0)).toBe("$0.00");
  });
});

describe("tokens", () => {
  it("separates thousands up to 10k", () => {
    expect(tokens(0)).toBe("0");
    expect(tokens(9_999)).toBe("9,999");
  });
  it("abbreviates thousands and millions", () => {
    expect(tokens(12_345)).toBe("12.3k");
    expect(tokens(999_949)).toBe("999.9k");
    expect(tokens(999_950)).toBe("1.0M");
    expect(tokens(4_560_000)).toBe("4.6M");
  });
});

describe("repoLabel", () => {
  it("names a GitHub repository owner/name and says nothing for a session still awaiting one", () => {
    expect(repoLabel("https://github.com/acme/widgets.git")).toBe("acme/widgets");
    expect(repoLabel(null)).toBe("");
  });
});
