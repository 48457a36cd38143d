import { describe, expect, it } from "vitest";
import type { UsageGroup } from "../api/types";
import { axisMax, byCost, chartSummary, costText, dailyCosts, usageRange } from "./usage";

const group = (key: string, over: Partial<UsageGroup> = {}): UsageGroup => ({
  key,
  label: key,
  calls: 1,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costUsd: 0.5,
  unpricedCalls: 0,
  ...over,
});

describe("the range asked for", () => {
  it("ends today (UTC) and counts today among its days", () => {
    const lateEvening = Date.parse("2026-12-01T23:30:00Z");
    expect(usageRange(30, lateEvening)).toEqual({ from: "2026-11-02", to: "2026-12-01" });
    expect(usageRange(7, lateEvening)).toEqual({ from: "2026-11-25", to: "2026-12-01" });
  });
});

describe("a cost in words", () => {
  it("is the amount when every call had a price", () => {
    expect(costText({ calls: 4, costUsd: 12.34, unpricedCalls: 0 })).toEqual({ amount: "$12.34", unknown: false, note: null });
  });
  it("is unknown, never $0, when no call had a price", () => {
    expect(costText({ calls: 3, costUsd: null, unpricedCalls: 3 })).toEqual({ amount: "unknown", unknown: true, note: "3 calls without a price" });
  });
  it("is the known part plus the calls left out when some had no price", () => {
    expect(costText({ calls: 5, costUsd: 0.0123, unpricedCalls: 3 })).toEqual({ amount: "$0.0123", unknown: false, note: "+ 3 calls unpriced" });
    expect(costText({ calls: 2, costUsd: 1, unpricedCalls: 1 }).note).toBe("+ 1 call unpriced");
  });
  it("is $0.00 when nothing was called", () => {
    expect(costText({ calls: 0, costUsd: null, unpricedCalls: 0 }).amount).toBe("$0.00");
  });
});

describe("the days of the chart", () => {
  it("lists every day of the range, days without calls as zero", () => {
    const days = dailyCosts("2026-11-29", "2026-12-02", [group("2026-11-30", { calls: 2, costUsd: 1.5 }), group("2026-12-02", { calls: 1, costUsd: 0.25 })]);
    expect(days.map((d) => [d.day, d.calls, d.costUsd])).toEqual([
      ["2026-11-29", 0, 0],
      ["2026-11-30", 2, 1.5],
      ["2026-12-01", 0, 0],
      ["2026-12-02", 1, 0.25],
    ]);
  });
  it("keeps a day whose calls had no price unknown", () => {
    const [day] = dailyCosts("2026-12-01", "2026-12-01", [group("2026-12-01", { calls: 3, costUsd: null, unpricedCalls: 3 })]);
    expect(day).toEqual({ day: "2026-12-01", calls: 3, costUsd: null, unpricedCalls: 3 });
  });
  it("ignores groups outside the range and crosses month ends", () => {
    const days = dailyCosts("2026-02-27", "2026-03-01", [group("2026-03-05")]);
    expect(days.map((d) => d.day)).toEqual(["2026-02-27", "2026-02-28", "2026-03-01"]);
    expect(days.every((d) => d.calls === 0)).toBe(true);
  });
  it("is empty for a reversed or unreadable range", () => {
    expect(dailyCosts("2026-12-02", "2026-12-01", [])).toEqual([]);
    expect(dailyCosts("", "2026-12-01", [])).toEqual([]);
  });
});

describe("the cost axis", () => {
  const days = (...costs: (number | null)[]) => costs.map((costUsd, i) => ({ day: `d${i}`, calls: 1, costUsd, unpricedCalls: costUsd === null ? 1 : 0 }));
  it("rounds the highest cost up to 1, 2 or 5 of its order", () => {
    expect(axisMax(days(0.3, 1.2))).toBe(2);
    expect(axisMax(days(3.7))).toBe(5);
    expect(axisMax(days(5))).toBe(5);
    expect(axisMax(days(0.0123))).toBeCloseTo(0.02);
    expect(axisMax(days(61))).toBe(100);
  });
  it("is zero when nothing known was spent", () => {
    expect(axisMax(days(0, null))).toBe(0);
    expect(axisMax([])).toBe(0);
  });
});

describe("the chart's summary", () => {
  it("says so when there were no calls", () => {
    expect(chartSummary(dailyCosts("2026-12-01", "2026-12-03", []))).toBe("Cost per day (UTC) from 2026-12-01 to 2026-12-03: no model calls.");
  });
  it("gives the total, the highest day and the days of unknown price", () => {
    const days = dailyCosts("2026-12-01", "2026-12-03", [
      group("2026-12-01", { costUsd: 1 }),
      group("2026-12-02", { costUsd: 2.5, unpricedCalls: 1, calls: 2 }),
      group("2026-12-03", { costUsd: null, unpricedCalls: 1 }),
    ]);
    expect(chartSummary(days)).toBe(
      "Cost per day (UTC) from 2026-12-01 to 2026-12-03: $3.50 known in total over 3 days with calls; highest $2.50 on 2026-12-02; 2 days with calls of unknown price.",
    );
  });
});

describe("the tables' order", () => {
  it("puts the most expensive first, then the most calls, unknown costs after known ones", () => {
    const sorted = byCost([
      group("cheap", { costUsd: 0.1, calls: 50 }),
      group("unknown", { costUsd: null, calls: 900, unpricedCalls: 900 }),
      group("dear", { costUsd: 9, calls: 1 }),
      group("free-few", { costUsd: 0, calls: 1 }),
      group("free-many", { costUsd: 0, calls: 7 }),
    ]);
    expect(sorted.map((g) => g.key)).toEqual(["dear", "cheap", "free-many", "free-few", "unknown"]);
  });
  it("breaks full ties by name and leaves its input alone", () => {
    const input = [group("b"), group("a")];
    expect(byCost(input).map((g) => g.key)).toEqual(["a", "b"]);
    expect(input.map((g) => g.key)).toEqual(["b", "a"]);
  });
});
