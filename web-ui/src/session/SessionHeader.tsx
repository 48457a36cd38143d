// The session's title (renamable), status and repository (or, while it awaits one, a picker), who is
// watching, and archive / unarchive.
import { type FormEvent, useState } from "react";
import { describe, patch, post } from "../api/client";
import type { Preferences, Session, Watcher } from "../api/types";
import { ErrorText } from "../app/ErrorText";
import { repoLabel } from "../app/format";
import { StatusBadge } from "../home/StatusBadge";
import { Presence } from "./Presence";
import { RepositoryPicker } from "./RepositoryPicker";

interface Props {
  session: Session | null;
  watchers: Watcher[];
  /** For the repository picker of a session awaiting its repository. */
  preferences: Preferences;
  onChanged: (session: Session) => void;
}

export function SessionHeader({ session, watchers, preferences, onChanged }: Props) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);

  const act = async (action: () => Promise<Session>) => {
    setError(null);
    try {
      onChanged(await action());
      setEditing(false);
    } catch (e) {
      setError(describe(e));
    }
  };
  const rename = (e: FormEvent) => {
    e.preventDefault();
    if (session && title.trim()) void act(() => patch<Session>(`/api/sessions/${session.id}`, { title: title.trim() }));
  };

  return (
    <header className="session-head">
      <div className="grow">
        {editing && session ? (
          <form onSubmit={rename} className="row" aria-label="Rename the session">
            <label htmlFor="session-title" className="visually-hidden">
              Title
            </label>
            <input id="session-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} autoFocus />
            <button type="submit" className="primary" disabled={!title.trim()}>
              Save
            </button>
            <button type="button" className="ghost" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <h1>{session?.title || "Untitled session"}</h1>
        )}
        <p className="muted">
          {session && <StatusBadge status={session.status} />} {session && repoLabel(session.repository)}
          {session && !editing && (
            <>
              {" · "}
              <button
                className="link"
                onClick={() => {
                  setTitle(session.title ?? "");
                  setEditing(true);
                }}
              >
                Rename
              </button>
              {" · "}
              {session.status === "archived" ? (
                <button className="link" onClick={() => act(() => post<Session>(`/api/sessions/${session.id}/unarchive`))}>
                  Unarchive
                </button>
              ) : (
                <button className="link" onClick={() => act(() => post<Session>(`/api/sessions/${session.id}/archive`))}>
                  Archive
                </button>
              )}
            </>
          )}
        </p>
        <ErrorText error={error} />
        {session?.status === "awaiting_repository" && <RepositoryPicker session={session} preferences={preferences} onChosen={onChanged} />}
      </div>
      <Presence watchers={watchers} />
    </header>
  );
}
