// A session's status as a word with a symbol, so colour is never the only signal.
import type { SessionStatus } from "../api/types";

const symbols: Record<SessionStatus, string> = { awaiting_repository: "◌", created: "○", running: "◉", idle: "✓", archived: "▣" };
const words: Record<SessionStatus, string> = { awaiting_repository: "Waiting for a repository", created: "new", running: "running", idle: "idle", archived: "archived" };

export function StatusBadge({ status }: { status: SessionStatus }) {
  return (
    <span className={`badge badge-${status}`}>
      <span aria-hidden="true">{symbols[status] ?? "•"}</span> {words[status] ?? status}
    </span>
  );
}
