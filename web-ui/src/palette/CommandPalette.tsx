// Mod+K: jump to a session by title or repository, or start a new one, from the keyboard.
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { listSessions } from "../api/client";
import type { Session } from "../api/types";
import { repoLabel } from "../app/format";
import { navigate } from "../app/router";

interface Command {
  id: string;
  label: string;
  detail: string;
  run: () => void;
}

export function CommandPalette({ onClose }: { onClose: () => void }) {
  const [q, setQ] = useState("");
  const [sessions, setSessions] = useState<Session[]>([]);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<Element | null>(document.activeElement);

  useEffect(() => {
    input.current?.focus();
    const previous = returnFocus.current;
    return () => (previous instanceof HTMLElement ? previous.focus() : undefined);
  }, []);
  useEffect(() => {
    let stale = false;
    const timer = setTimeout(
      () => listSessions({ mine: false, q, size: 8 }).then((p) => !stale && setSessions(p.items), () => undefined),
      120,
    );
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [q]);

  const go = (path: string) => () => {
    onClose();
    navigate(path);
  };
  const commands: Command[] = [
    ...("new session".includes(q.trim().toLowerCase()) ? [{ id: "new", label: "New session", detail: "Open the composer", run: go("/") }] : []),
    ...sessions.map((s) => ({ id: s.id, label: s.title || "Untitled session", detail: repoLabel(s.repository), run: go(`/sessions/${s.id}`) })),
    ...("usage".includes(q.trim().toLowerCase()) ? [{ id: "usage", label: "Usage", detail: "Model calls and their cost", run: go("/usage") }] : []),
    ...("settings".includes(q.trim().toLowerCase()) ? [{ id: "settings", label: "Settings", detail: "Tokens, users, models", run: go("/settings") }] : []),
  ];
  const current = Math.min(active, Math.max(commands.length - 1, 0));

  const keys = (e: KeyboardEvent) => {
    if (e.key === "Escape") onClose();
    else if (e.key === "ArrowDown") setActive((current + 1) % Math.max(commands.length, 1));
    else if (e.key === "ArrowUp") setActive((current - 1 + commands.length) % Math.max(commands.length, 1));
    else if (e.key === "Enter") commands[current]?.run();
    else return;
    e.preventDefault();
  };

  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" onKeyDown={keys}>
        <input
          ref={input}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={commands[current] ? `cmd-${commands[current].id}` : undefined}
          aria-label="Jump to a session or command"
          placeholder="Jump to a session, or type 'new'…"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setActive(0);
          }}
        />
        <ul id="palette-list" role="listbox" aria-label="Results">
          {commands.map((c, i) => (
            <li
              key={c.id}
              id={`cmd-${c.id}`}
              role="option"
              aria-selected={i === current}
              onMouseEnter={() => setActive(i)}
              onClick={c.run}
            >
              <span>{c.label}</span> <span className="muted">{c.detail}</span>
            </li>
          ))}
          {commands.length === 0 && <li className="muted">Nothing matches.</li>}
        </ul>
      </div>
    </div>
  );
}
