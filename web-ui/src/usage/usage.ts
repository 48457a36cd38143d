// What the usage views show, derived from the usage API: the range asked for, costs in words (an
// unknown price is never $0), one bar per day and the tables' order. Pure, so it is tested.
import type { Usage, UsageGroup } from "../api/types";
import { money } from "../app/format";

export const RANGE_CHOICES = [7, 30, 90] as const;
export type RangeDays = (typeof RANGE_CHOICES)[number];
export const DEFAULT_RANGE: RangeDays = 30;

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last `days` UTC days, today included, as the API's inclusive from and to. */
export function usageRange(days: number, now = Date.now()): { from: string; to: string } {
  return { from: isoDay(now - (days - 1) * DAY_MS), to: isoDay(now) };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

export interface CostText {
  /** "$1.23", or "unknown" when calls were made and none had a price. */
  amount: string;
  unknown: boolean;
  /** Calls whose cost the amount leaves out: "+ 3 calls unpriced", or why it is unknown. */
  note: string | null;
}

/** A cost as shown: known (nothing spent is $0.00), unknown, or known plus the calls left out. */
export function costText(usage: Pick<Usage, "calls" | "costUsd" | "unpricedCalls">): CostText {
  if (usage.costUsd === null && usage.calls > 0) {
    return { amount: "unknown", unknown: true, note: `${plural(usage.unpricedCalls || usage.calls, "call")} without a price` };
  }
  const note = usage.unpricedCalls > 0 ? `+ ${plural(usage.unpricedCalls, "call")} unpriced` : null;
  return { amount: money(usage.costUsd ?? 0), unknown: false, note };
}

export interface DayCost {
  day: string;
  calls: number;
  /** Null: calls were made that day and none had a price. */
  costUsd: number | null;
  unpricedCalls: number;
}

/** One entry per day from `from` to `to` (inclusive), days without calls as zero. */
export function dailyCosts(from: string, to: string, groups: readonly UsageGroup[]): DayCost[] {
  const byDay = new Map(groups.map((g) => [g.key, g]));
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const days: DayCost[] = [];
  if (Number.isNaN(start) || Number.isNaN(end)) return days;
  for (let ms = start; ms <= end && days.length < 366; ms += DAY_MS) {
    const day = isoDay(ms);
    const g = byDay.get(day);
    days.push(g ? { day, calls: g.calls, costUsd: g.calls > 0 ? g.costUsd : 0, unpricedCalls: g.unpricedCalls } : { day, calls: 0, costUsd: 0, unpricedCalls: 0 });
  }
  return days;
}

/** The top of the cost axis: the smallest 1, 2 or 5 × 10ⁿ at or above the highest known cost. */
export function axisMax(days: readonly DayCost[]): number {
  const max = Math.max(0, ...days.map((d) => d.costUsd ?? 0));
  if (max === 0) return 0;
  const step = 10 ** Math.floor(Math.log10(max));
  const top = [1, 2, 5, 10].map((m) => m * step).find((v) => v >= max * (1 - 1e-9));
  return top ?? 10 * step;
}

/** The chart in one sentence, for screen readers. */
export function chartSummary(days: readonly DayCost[]): string {
  if (days.length === 0) return "Cost per day: no days in range.";
  const range = `Cost per day (UTC) from ${days[0].day} to ${days[days.length - 1].day}`;
  const active = days.filter((d) => d.calls > 0);
  if (active.length === 0) return `${range}: no model calls.`;
  const total = active.reduce((sum, d) => sum + (d.costUsd ?? 0), 0);
  const highest = active.reduce((top, d) => ((d.costUsd ?? 0) > (top.costUsd ?? 0) ? d : top));
  const unpriced = active.filter((d) => d.unpricedCalls > 0).length;
  const parts = [`${money(total)} known in total over ${plural(active.length, "day")} with calls`];
  if ((highest.costUsd ?? 0) > 0) parts.push(`highest ${money(highest.costUsd ?? 0)} on ${highest.day}`);
  if (unpriced > 0) parts.push(`${plural(unpriced, "day")} with calls of unknown price`);
  return `${range}: ${parts.join("; ")}.`;
}

/** Most expensive first; an unknown cost after every known one; then most calls, then by name. */
export function byCost<T extends UsageGroup>(groups: readonly T[]): T[] {
  return [...groups].sort(
    (a, b) =>
      (b.costUsd ?? -1) - (a.costUsd ?? -1) || b.calls - a.calls || a.label.localeCompare(b.label),
  );
}
