// Cost per day as an SVG bar chart (one sentence for screen readers, a tooltip per day) with the
// same numbers as a table. A day whose calls had no price gets a dashed bar: unknown, not zero.
import { useLayoutEffect, useRef, useState } from "react";
import { money } from "../app/format";
import { Cost } from "./Cost";
import { axisMax, chartSummary, costText, type DayCost } from "./usage";

const HEIGHT = 220;
const PAD = { top: 14, right: 20, bottom: 26, left: 62 };
const UNKNOWN_HEIGHT = 14;

const shortDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { month: "short", day: "numeric", timeZone: "UTC" });

function tooltip(d: DayCost): string {
  if (d.calls === 0) return `${d.day}: no calls`;
  const cost = costText(d);
  return `${d.day}: ${cost.amount}${cost.note ? ` (${cost.note})` : ""} · ${d.calls} call${d.calls === 1 ? "" : "s"}`;
}

/** The width the chart has, so its text stays legible instead of scaling with the page. */
function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(280, Math.floor(element.clientWidth)));
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

export function CostChart({ days }: { days: DayCost[] }) {
  const [ref, width] = useWidth(720);
  const plotWidth = width - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const top = axisMax(days);
  const slot = plotWidth / Math.max(days.length, 1);
  const barWidth = Math.max(1, slot * 0.7);
  const labelEvery = Math.max(1, Math.ceil(days.length / Math.max(2, Math.floor(plotWidth / 70))));
  const y = (cost: number) => PAD.top + plotHeight - (top > 0 ? (cost / top) * plotHeight : 0);
  const ticks = top > 0 ? [0, top / 2, top] : [0];
  const anyUnpriced = days.some((d) => d.unpricedCalls > 0);
  const anyCalls = days.some((d) => d.calls > 0);

  return (
    <div ref={ref} className="chart">
      <svg role="img" aria-label={chartSummary(days)} data-testid="usage-chart" width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`}>
        {ticks.map((t) => (
          <g key={t} className="tick">
            <line x1={PAD.left} x2={width - PAD.right} y1={y(t)} y2={y(t)} />
            <text x={PAD.left - 6} y={y(t)} dy="0.32em" textAnchor="end">
              {money(t)}
            </text>
          </g>
        ))}
        {!anyCalls && (
          <text className="empty" x={PAD.left + plotWidth / 2} y={PAD.top + plotHeight / 2} textAnchor="middle">
            No model calls in this range
          </text>
        )}
        {days.map((d, i) => {
          const x = PAD.left + i * slot + (slot - barWidth) / 2;
          const height = d.costUsd === null ? 0 : d.costUsd > 0 ? Math.max(1.5, y(0) - y(d.costUsd)) : 0;
          return (
            <g key={d.day} className="day" data-day={d.day}>
              <title>{tooltip(d)}</title>
              <rect className="hit" x={PAD.left + i * slot} y={PAD.top} width={slot} height={plotHeight} />
              {height > 0 && <rect className="bar" x={x} y={y(0) - height} width={barWidth} height={height} />}
              {d.costUsd === null && <rect className="bar-unknown" x={x} y={y(0) - UNKNOWN_HEIGHT} width={barWidth} height={UNKNOWN_HEIGHT} />}
              {d.unpricedCalls > 0 && <circle className="unpriced" cx={x + barWidth / 2} cy={y(0) - Math.max(height, UNKNOWN_HEIGHT) - 5} r={Math.min(3, barWidth / 2)} />}
              {(days.length - 1 - i) % labelEvery === 0 && (
                <text className="day-label" x={x + barWidth / 2} y={HEIGHT - 8} textAnchor="middle">
                  {shortDay(d.day)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {anyUnpriced && <p className="hint">A dot marks a day with calls of models that have no price; a dashed bar, a day whose cost is unknown.</p>}
      <details>
        <summary>Cost per day as a table</summary>
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col" className="num">
                Calls
              </th>
              <th scope="col" className="num">
                Cost
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td>{d.day}</td>
                <td className="num">{d.calls}</td>
                <td className="num">
                  <Cost usage={d} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
