// What model calls cost over the last 7, 30 or 90 days: totals, cost per day, and per user,
// repository and model. Admins see everyone's and the limits; others their own (the API scopes it).
import { useEffect, useMemo, useState } from "react";
import { describe, getUsage } from "../api/client";
import type { UsageGroupBy, UsageReport } from "../api/types";
import { ErrorText } from "../app/ErrorText";
import { tokens } from "../app/format";
import { useMe } from "../app/me";
import { Cost } from "./Cost";
import { CostChart } from "./CostChart";
import { Limits } from "./Limits";
import { UsageTable } from "./UsageTable";
import { DEFAULT_RANGE, RANGE_CHOICES, type RangeDays, dailyCosts, usageRange } from "./usage";

type Reports = Record<UsageGroupBy, UsageReport>;
const GROUPINGS: UsageGroupBy[] = ["day", "user", "repository", "model"];

export default function UsagePage() {
  const me = useMe();
  const [days, setDays] = useState<RangeDays>(DEFAULT_RANGE);
  const [reports, setReports] = useState<Reports | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stale = false;
    const range = usageRange(days);
    setLoading(true);
    setError(null);
    Promise.all(GROUPINGS.map((groupBy) => getUsage({ ...range, groupBy })))
      .then(
        ([day, user, repository, model]) => !stale && setReports({ day, user, repository, model }),
        (e: unknown) => !stale && setError(describe(e)),
      )
      .finally(() => !stale && setLoading(false));
    return () => {
      stale = true;
    };
  }, [days]);

  const chart = useMemo(() => (reports ? dailyCosts(reports.day.from, reports.day.to, reports.day.groups) : []), [reports]);
  const total = reports?.day.total;

  return (
    <div className="usage" data-testid="usage-page">
      <div className="usage-head">
        <h1>Usage</h1>
        <div className="segmented" role="group" aria-label="Range">
          {RANGE_CHOICES.map((n) => (
            <button key={n} aria-pressed={days === n} onClick={() => setDays(n)}>
              {n} days
            </button>
          ))}
        </div>
      </div>
      <p className="muted">
        {me.role === "admin" ? "Model calls by everyone" : "Your model calls"}
        {reports ? `, ${reports.day.from} to ${reports.day.to} (UTC days).` : "."}
        {loading && reports && <span role="status"> Updating…</span>}
      </p>
      <ErrorText error={error} />
      {!reports && loading && <p role="status">Loading…</p>}
      {reports && total && (
        <div className="usage-body" aria-busy={loading}>
          <section className="card" aria-labelledby="usage-total-heading">
            <h2 id="usage-total-heading">Total</h2>
            <dl className="usage-summary">
              <div>
                <dt>Cost</dt>
                <dd>
                  <Cost usage={total} testId="usage-total-cost" />
                </dd>
              </div>
              <div>
                <dt>Calls</dt>
                <dd>{tokens(total.calls)}</dd>
              </div>
              <div>
                <dt>Input tokens</dt>
                <dd>{tokens(total.inputTokens)}</dd>
              </div>
              <div>
                <dt>Output tokens</dt>
                <dd>{tokens(total.outputTokens)}</dd>
              </div>
              <div>
                <dt>Cache read / write</dt>
                <dd>
                  {tokens(total.cacheReadTokens)} / {tokens(total.cacheWriteTokens)}
                </dd>
              </div>
              <div>
                <dt>Reasoning tokens</dt>
                <dd>{tokens(total.reasoningTokens)}</dd>
              </div>
            </dl>
          </section>
          <section className="card" aria-labelledby="usage-chart-heading">
            <h2 id="usage-chart-heading">Cost per day</h2>
            <CostChart days={chart} />
          </section>
          <UsageTable by="user" title="By user" nameHeader="User" groups={reports.user.groups} />
          <UsageTable by="repository" title="By repository" nameHeader="Repository" groups={reports.repository.groups} />
          <UsageTable by="model" title="By model" nameHeader="Model" groups={reports.model.groups} />
        </div>
      )}
      {me.role === "admin" && <Limits />}
    </div>
  );
}
