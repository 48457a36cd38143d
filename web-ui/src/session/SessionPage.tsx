// One session, live: the timeline from the WebSocket stream, the prompt box and queue, who is
// watching, and the sidebar. Reconnects by itself and says when it is offline.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { ApiError, describe, get, getPreferences, getSessionUsage } from "../api/client";
import { type Connection, SessionSocket } from "../api/socket";
import type { Preferences, Prompt, Session, SessionUsage, Usage, Watcher } from "../api/types";
import { followUpChoice } from "../home/defaults";
import { NO_PREFERENCES } from "../settings/preferences";
import { buildItems, changedFiles, latestPull } from "../timeline/items";
import { emptyTimeline, timelineReducer } from "../timeline/reducer";
import { PromptBox } from "./PromptBox";
import { SessionHeader } from "./SessionHeader";
import { Sidebar } from "./Sidebar";
import { Timeline } from "./Timeline";

const PROMPT_EVENTS = new Set(["user.message", "prompt.started", "prompt.completed", "prompt.failed", "prompt.cancelled"]);
/** Events after which the gateway has recorded more model calls: a step, or a turn, ended. */
const USAGE_EVENTS = new Set(["step.finished", "prompt.completed", "prompt.failed", "prompt.cancelled"]);
/** How often the queue is reloaded while a queued prompt waits for capacity or budget (freed elsewhere, so no event here says so). */
const WAITING_REFRESH_MS = 10_000;

/** Runs `run` once, `ms` after the first of a burst of pokes. */
function coalesce(run: () => void, ms: number) {
  let pending: ReturnType<typeof setTimeout> | null = null;
  return {
    poke() {
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        run();
      }, ms);
    },
    cancel() {
      if (pending) clearTimeout(pending);
    },
  };
}

export default function SessionPage({ id }: { id: string }) {
  const [session, setSession] = useState<Session | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [prompts, setPrompts] = useState<Prompt[]>([]);
  const [watchers, setWatchers] = useState<Watcher[]>([]);
  const [connection, setConnection] = useState<Connection>("connecting");
  const [usage, setUsage] = useState<SessionUsage | null>(null);
  const [usageError, setUsageError] = useState<string | null>(null);
  const [preferences, setPreferences] = useState<Preferences>(NO_PREFERENCES);
  const [timeline, dispatch] = useReducer(timelineReducer, emptyTimeline);
  const resume = useRef(0);
  resume.current = timeline.resumeFrom;

  const refresh = useCallback(() => {
    get<Session>(`/api/sessions/${id}`).then(setSession, (e: unknown) => {
      if (e instanceof ApiError && (e.status === 404 || e.status === 400)) setMissing("This session does not exist.");
    });
    get<Prompt[]>(`/api/sessions/${id}/prompts`).then(setPrompts, () => undefined);
  }, [id]);

  const refreshUsage = useCallback(() => {
    getSessionUsage(id).then(
      (u) => {
        setUsage(u);
        setUsageError(null);
      },
      (e: unknown) => setUsageError(`Cost unavailable — ${describe(e)}`),
    );
  }, [id]);

  useEffect(refresh, [refresh]);
  useEffect(() => void getPreferences().then(setPreferences, () => undefined), []);
  useEffect(refreshUsage, [refreshUsage]);
  useEffect(() => {
    const promptsSoon = coalesce(refresh, 150);
    const usageSoon = coalesce(refreshUsage, 1000);
    const socket = new SessionSocket(id, {
      resumeFrom: () => resume.current,
      onMessages(messages) {
        dispatch({ type: "received", messages });
        for (const m of messages) {
          if (m.type === "presence") setWatchers(m.watchers);
          if (m.type === "event" && PROMPT_EVENTS.has(m.event.type)) promptsSoon.poke();
          if (m.type === "event" && USAGE_EVENTS.has(m.event.type)) usageSoon.poke();
        }
      },
      onConnection: (state) => setConnection(state),
      onDisconnect: () => dispatch({ type: "disconnected" }),
    });
    return () => {
      socket.close();
      promptsSoon.cancel();
      usageSoon.cancel();
    };
  }, [id, refresh, refreshUsage]);

  const waiting = prompts.some((p) => p.status === "queued" && p.waiting);
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => !document.hidden && refresh(), WAITING_REFRESH_MS);
    return () => clearInterval(timer);
  }, [waiting, refresh]);

  const items = useMemo(() => buildItems(timeline), [timeline]);
  const files = useMemo(() => changedFiles(timeline), [timeline]);
  const promptUsage = useMemo(() => new Map<string, Usage>((usage?.prompts ?? []).map((p) => [p.promptId, p])), [usage]);
  const pull = useMemo(() => latestPull(timeline), [timeline]);
  const choice = useMemo(() => (session ? followUpChoice(session, preferences) : {}), [session, preferences]);

  useEffect(() => {
    document.title = session ? `${session.title || "Session"} · CodInspect` : "CodInspect";
  }, [session]);

  if (missing)
    return (
      <div className="centered" role="alert">
        {missing}
      </div>
    );

  return (
    <div className="session-page">
      <div className="session-main">
        <SessionHeader session={session} watchers={watchers} preferences={preferences} onChanged={setSession} />
        {connection !== "live" && (
          <p className={`connection connection-${connection}`} role="status" id="connection">
            {connection === "connecting" ? "Connecting…" : "Offline — reconnecting. Everything you missed will appear when the connection is back."}
          </p>
        )}
        <Timeline items={items} usage={promptUsage} />
        {session && <PromptBox sessionId={id} prompts={prompts} archived={session.status === "archived"} choice={choice} onChanged={refresh} />}
      </div>
      {session && <Sidebar session={session} pull={pull} files={files} usage={usage} usageError={usageError} />}
    </div>
  );
}
