// One session, live: the timeline from the WebSocket stream, the prompt box and queue, who is
// watching, and the sidebar. Reconnects by itself and says when it is offline.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { ApiError, get } from "../api/client";
import { type Connection, SessionSocket } from "../api/socket";
import type { Prompt, Session, Watcher } from "../api/types";
import { buildItems, changedFiles, latestPull, sessionUsage } from "../timeline/items";
import { emptyTimeline, timelineReducer } from "../timeline/reducer";
import { PromptBox } from "./PromptBox";
import { SessionHeader } from "./SessionHeader";
import { Sidebar } from "./Sidebar";
import { Timeline } from "./Timeline";

const PROMPT_EVENTS = new Set(["user.message", "prompt.started", "prompt.completed", "prompt.failed", "prompt.cancelled"]);

export default function SessionPage({ id }: { id: string }) {
  const [session, setSession] = useState<Session | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [prompts, setPrompts] = useState<Prompt[]>([]);
  const [watchers, setWatchers] = useState<Watcher[]>([]);
  const [connection, setConnection] = useState<Connection>("connecting");
  const [timeline, dispatch] = useReducer(timelineReducer, emptyTimeline);
  const resume = useRef(0);
  resume.current = timeline.resumeFrom;

  const refresh = useCallback(() => {
    get<Session>(`/api/sessions/${id}`).then(setSession, (e: unknown) => {
      if (e instanceof ApiError && (e.status === 404 || e.status === 400)) setMissing("This session does not exist.");
    });
    get<Prompt[]>(`/api/sessions/${id}/prompts`).then(setPrompts, () => undefined);
  }, [id]);

  useEffect(refresh, [refresh]);
  useEffect(() => {
    let pending: ReturnType<typeof setTimeout> | null = null;
    const socket = new SessionSocket(id, {
      resumeFrom: () => resume.current,
      onMessages(messages) {
        dispatch({ type: "received", messages });
        for (const m of messages) {
          if (m.type === "presence") setWatchers(m.watchers);
          if (m.type === "event" && PROMPT_EVENTS.has(m.event.type) && !pending) pending = setTimeout(() => ((pending = null), refresh()), 150);
        }
      },
      onConnection: (state) => setConnection(state),
      onDisconnect: () => dispatch({ type: "disconnected" }),
    });
    return () => {
      socket.close();
      if (pending) clearTimeout(pending);
    };
  }, [id, refresh]);

  const items = useMemo(() => buildItems(timeline), [timeline]);
  const files = useMemo(() => changedFiles(timeline), [timeline]);
  const usage = useMemo(() => sessionUsage(timeline), [timeline]);
  const pull = useMemo(() => latestPull(timeline), [timeline]);

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
        <SessionHeader session={session} watchers={watchers} onChanged={setSession} />
        {connection !== "live" && (
          <p className={`connection connection-${connection}`} role="status" id="connection">
            {connection === "connecting" ? "Connecting…" : "Offline — reconnecting. Everything you missed will appear when the connection is back."}
          </p>
        )}
        <Timeline items={items} />
        {session && <PromptBox sessionId={id} prompts={prompts} archived={session.status === "archived"} onChanged={refresh} />}
      </div>
      {session && <Sidebar session={session} pull={pull} files={files} usage={usage} />}
    </div>
  );
}
