// Everyone watching this session, one avatar per person; idle watchers are dimmed and say so.
import type { Watcher } from "../api/types";
import { Avatar } from "../app/Avatar";

export function Presence({ watchers }: { watchers: Watcher[] }) {
  return (
    <ul className="presence" aria-label={`Watching: ${watchers.map((w) => w.name).join(", ") || "nobody"}`}>
      {watchers.map((w) => (
        <li key={w.userId} className={w.state === "idle" ? "idle" : undefined} title={`${w.name}${w.state === "idle" ? " (idle)" : ""}`}>
          <Avatar id={w.userId} name={w.name} size={26} />
        </li>
      ))}
    </ul>
  );
}
