// Sessions beside the composer: mine or everyone's, searchable, refreshed while the page is open.
import { useEffect, useState } from "react";
import { listSessions } from "../api/client";
import type { Session } from "../api/types";
import { relativeTime, repoLabel } from "../app/format";
import { linkHandler } from "../app/router";
import { UserName } from "../app/UserName";
import { StatusBadge } from "./StatusBadge";
import { ErrorText } from "../app/ErrorText";

const REFRESH_MS = 5_000;

export function SessionList() {
  const [mine, setMine] = useState(true);
  const [q, setQ] = useState("");
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stale = false;
    const load = () =>
      listSessions({ mine, q }).then(
        (page) => {
          if (stale) return;
          setSessions(page.items);
          setError(null);
        },
        (e: Error) => !stale && setError(e.message),
      );
    const delay = setTimeout(load, q ? 200 : 0);
    const timer = setInterval(() => !document.hidden && load(), REFRESH_MS);
    return () => {
      stale = true;
      clearTimeout(delay);
      clearInterval(timer);
    };
  }, [mine, q]);

  return (
    <section className="sessions card" aria-labelledby="sessions-heading">
      <div className="sessions-head">
        <h2 id="sessions-heading">Sessions</h2>
        <div className="segmented" role="group" aria-label="Whose sessions">
          <button aria-pressed={mine} onClick={() => setMine(true)}>
            Mine
          </button>
          <button aria-pressed={!mine} onClick={() => setMine(false)}>
            All
          </button>
        </div>
      </div>
      <label htmlFor="session-search" className="visually-hidden">
        Search sessions
      </label>
      <input id="session-search" type="search" placeholder="Search by title or repository" value={q} onChange={(e) => setQ(e.target.value)} />
      <ErrorText error={error} />
      {sessions === null ? (
        <p role="status" className="muted">Loading…</p>
      ) : sessions.length === 0 ? (
        <p className="muted">{q ? "No session matches." : "No sessions yet. Start one with the composer."}</p>
      ) : (
        <ul className="session-list">
          {sessions.map((s) => (
            <li key={s.id}>
              <a href={`/sessions/${s.id}`} onClick={linkHandler(`/sessions/${s.id}`)}>
                <span className="session-title">{s.title || "Untitled session"}</span>
                <span className="session-meta">
                  <StatusBadge status={s.status} /> <span>{repoLabel(s.repository)}</span>
                  {!mine && (
                    <span>
                      by <UserName id={s.createdBy} />
                    </span>
                  )}
                  <time dateTime={s.lastActivityAt} title={new Date(s.lastActivityAt).toLocaleString()}>
                    {relativeTime(s.lastActivityAt)}
                  </time>
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
