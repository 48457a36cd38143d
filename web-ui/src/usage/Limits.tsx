// For admins: each limit the gateway enforces with what counts against it now; "No limit" when none is configured.
import { useEffect, useState } from "react";
import { describe, getUsageLimits } from "../api/client";
import type { UsageLimits } from "../api/types";
import { ErrorText } from "../app/ErrorText";
import { money } from "../app/format";

const monthName = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString(undefined, { month: "long", year: "numeric", timeZone: "UTC" });

/** How much of a limit is used, as a meter; nothing without a limit. */
function Gauge({ value, max, labelledBy }: { value: number; max: number | null; labelledBy: string }) {
  if (max === null || max <= 0) return null;
  return <meter min={0} max={max} value={Math.min(value, max)} low={max * 0.75} high={max * 0.9} optimum={0} aria-labelledby={labelledBy} />;
}

const percent = (value: number, max: number) => `${Math.round((value / max) * 100)}%`;

export function Limits() {
  const [limits, setLimits] = useState<UsageLimits | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void getUsageLimits().then(setLimits, (e: unknown) => setError(describe(e))), []);

  return (
    <section className="card" aria-labelledby="limits-heading" data-testid="usage-limits">
      <h2 id="limits-heading">Limits</h2>
      <ErrorText error={error} />
      {!limits && !error && (
        <p role="status" className="muted">
          Loading…
        </p>
      )}
      {limits && <LimitList limits={limits} />}
    </section>
  );
}

function LimitList({ limits }: { limits: UsageLimits }) {
  const { monthlyBudgetUsd: month, userDailyCostUsd: daily, sessionCostUsd: session, runningPrompts: prompts } = limits;
  const spenders = [...daily.users].sort((a, b) => b.spentUsd - a.spentUsd || a.label.localeCompare(b.label));
  return (
    <div className="limits">
      <div className="limit" data-limit="monthly-budget">
        <h3 id="limit-month">Monthly budget · {monthName(month.month)}</h3>
        <p>
          {money(month.spentUsd)} spent
          {month.limit === null ? <span className="muted"> · No limit</span> : ` of ${money(month.limit)} (${percent(month.spentUsd, month.limit)})`}
        </p>
        <Gauge value={month.spentUsd} max={month.limit} labelledBy="limit-month" />
      </div>
      <div className="limit" data-limit="running-prompts">
        <h3 id="limit-running">Running prompts</h3>
        <p>
          {prompts.running} running{prompts.limit === null ? "" : ` of ${prompts.limit}`} · {prompts.waiting} waiting
          {prompts.limit === null && <span className="muted"> · No limit</span>}
        </p>
        <Gauge value={prompts.running} max={prompts.limit} labelledBy="limit-running" />
      </div>
      <div className="limit" data-limit="session-cost">
        <h3>Per session</h3>
        <p>{session.limit === null ? <span className="muted">No limit</span> : `${money(session.limit)} per session`}</p>
      </div>
      <div className="limit" data-limit="user-daily-cost">
        <h3>Per user, per day (UTC)</h3>
        <p>{daily.limit === null ? <span className="muted">No limit</span> : `${money(daily.limit)} per user per day`}</p>
        {spenders.length === 0 ? (
          <p className="muted">Nobody has spent anything today.</p>
        ) : (
          <table className="list">
            <caption className="visually-hidden">Spent today</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col" className="num">
                  Today
                </th>
              </tr>
            </thead>
            <tbody>
              {spenders.map((u) => (
                <tr key={u.userId} data-key={u.userId}>
                  <th scope="row" className="name">
                    {u.label}
                  </th>
                  <td className="num">
                    {money(u.spentUsd)}
                    {daily.limit !== null && daily.limit > 0 && <span className="muted"> ({percent(u.spentUsd, daily.limit)})</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
