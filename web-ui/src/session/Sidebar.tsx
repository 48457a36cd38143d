// What the session is about and what it produced: repository and branches, the pull request and its
// state, the files the agent changed (each with its diff) and what its model calls cost (from the
// gateway's usage records; an unknown price is shown as unknown).
import { useEffect, useState } from "react";
import { get, post, describe } from "../api/client";
import type { PullRequest, Session, SessionUsage } from "../api/types";
import { repoLabel, tokens } from "../app/format";
import type { FileChange } from "../timeline/items";
import { Cost } from "../usage/Cost";
import { byCost } from "../usage/usage";
import { StatusBadge } from "../home/StatusBadge";
import { Diff } from "./Diff";
import { ErrorText } from "../app/ErrorText";

interface Props {
  session: Session;
  pull: { number: number; url: string; state: string } | null;
  files: Map<string, FileChange[]>;
  /** Null until loaded. */
  usage: SessionUsage | null;
  usageError: string | null;
}

export function Sidebar({ session, pull, files, usage, usageError }: Props) {
  const [known, setKnown] = useState<PullRequest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get<PullRequest>(`/api/sessions/${session.id}/pull-request`).then(setKnown, () => setKnown(null));
  }, [session.id]);
  const pr = pull ?? known;

  const createPr = async () => {
    setBusy(true);
    setError(null);
    try {
      setKnown(await post<PullRequest>(`/api/sessions/${session.id}/pull-request`, {}));
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <aside className="sidebar" aria-label="Session details">
      <section>
        <h2>Repository</h2>
        {session.repository ? (
          <p className="repo" title={session.repository}>
            {repoLabel(session.repository)}
          </p>
        ) : (
          <p>
            <StatusBadge status={session.status} />
          </p>
        )}
        <dl>
          <dt>Base</dt>
          <dd>
            <code>{session.baseBranch}</code>
          </dd>
          <dt>Branch</dt>
          <dd>
            <code>{session.branch}</code>
          </dd>
        </dl>
      </section>
      <section>
        <h2>Pull request</h2>
        {pr ? (
          <p>
            <a href={pr.url} target="_blank" rel="noopener noreferrer" id="pr-link">
              #{pr.number}
            </a>{" "}
            <span className={`badge pr-${pr.state}`}>{pr.state}</span>
          </p>
        ) : (
          <p className="muted">None yet.</p>
        )}
        <button onClick={createPr} disabled={busy} id="create-pr">
          {busy ? "Working…" : pr ? "Update PR" : "Create PR"}
        </button>
        <ErrorText error={error} />
      </section>
      <section>
        <h2>Files changed ({files.size})</h2>
        {files.size === 0 ? (
          <p className="muted">No changes yet.</p>
        ) : (
          <ul className="files">
            {[...files.entries()].map(([path, changes]) => (
              <li key={path}>
                <details>
                  <summary>{path}</summary>
                  {changes.map((c, i) =>
                    c.kind === "edit" ? <Diff key={i} path={path} before={c.before} after={c.after} /> : <Diff key={i} path={path} before="" after={c.content} />,
                  )}
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>Cost</h2>
        <ErrorText error={usageError} />
        {usage ? <SessionCost usage={usage} /> : !usageError && <p className="muted">Loading…</p>}
      </section>
    </aside>
  );
}

function SessionCost({ usage }: { usage: SessionUsage }) {
  const { total } = usage;
  return (
    <>
      <p id="total-cost" data-testid="session-cost">
        <Cost usage={total} />{" "}
        <span className="muted">
          ({tokens(total.inputTokens)} in, {tokens(total.outputTokens)} out{total.cacheReadTokens > 0 && `, ${tokens(total.cacheReadTokens)} cached`})
        </span>
      </p>
      {usage.models.length > 0 && (
        <ul className="cost-models" aria-label="Cost by model">
          {byCost(usage.models).map((m) => (
            <li key={m.key}>
              <span className="cost-model">{m.label}</span> <Cost usage={m} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
