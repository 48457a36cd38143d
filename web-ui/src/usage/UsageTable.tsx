// Usage per user, repository or model: one row per group (data-key is the group's key), most expensive first.
import type { UsageGroup } from "../api/types";
import { tokens } from "../app/format";
import { Cost } from "./Cost";
import { byCost } from "./usage";

interface Props {
  by: "user" | "repository" | "model";
  title: string;
  nameHeader: string;
  groups: UsageGroup[];
}

const COLUMNS: { header: string; value: (g: UsageGroup) => number }[] = [
  { header: "Input", value: (g) => g.inputTokens },
  { header: "Output", value: (g) => g.outputTokens },
  { header: "Cache read", value: (g) => g.cacheReadTokens },
  { header: "Cache write", value: (g) => g.cacheWriteTokens },
  { header: "Reasoning", value: (g) => g.reasoningTokens },
];

export function UsageTable({ by, title, nameHeader, groups }: Props) {
  const heading = `usage-${by}-heading`;
  return (
    <section className="card" aria-labelledby={heading}>
      <h2 id={heading}>{title}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={heading}>
        <table className="list usage-table" data-testid={`usage-by-${by}`}>
          <thead>
            <tr>
              <th scope="col">{nameHeader}</th>
              <th scope="col" className="num">
                Calls
              </th>
              {COLUMNS.map((c) => (
                <th key={c.header} scope="col" className="num">
                  {c.header}
                </th>
              ))}
              <th scope="col" className="num">
                Cost
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length + 3} className="muted">
                  No model calls in this range.
                </td>
              </tr>
            )}
            {byCost(groups).map((g) => (
              <tr key={g.key} data-key={g.key}>
                <th scope="row" className="name">
                  {g.label}
                </th>
                <td className="num">{tokens(g.calls)}</td>
                {COLUMNS.map((c) => (
                  <td key={c.header} className="num">
                    {tokens(c.value(g))}
                  </td>
                ))}
                <td className="num">
                  <Cost usage={g} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
