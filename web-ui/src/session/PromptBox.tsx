// The follow-up composer, the queue of prompts waiting their turn (cancellable, with why one has
// not started when capacity or budget holds it) and the Stop button.
import { type KeyboardEvent, useEffect, useState } from "react";
import { post, describe } from "../api/client";
import type { Prompt } from "../api/types";
import { Avatar } from "../app/Avatar";
import { modKey } from "../app/format";
import { newRequestId } from "../home/choices";
import { ErrorText } from "../app/ErrorText";

interface Props {
  sessionId: string;
  prompts: Prompt[];
  archived: boolean;
  /** The model and effort to send with follow-ups (the person's preferences when the session chose none). */
  choice: { model?: string; reasoningEffort?: string };
  onChanged: () => void;
}

export function PromptBox({ sessionId, prompts, archived, choice, onChanged }: Props) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const running = prompts.find((p) => p.status === "running");
  const queued = prompts.filter((p) => p.status === "queued");

  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(describe(e));
    } finally {
      onChanged();
    }
  };
  const send = async () => {
    if (!text.trim() || busy) return;
    setBusy(true);
    await act(async () => {
      await post(`/api/sessions/${sessionId}/prompts`, { content: text, clientRequestId: newRequestId(), source: "web", ...choice });
      setText("");
    });
    setBusy(false);
  };
  const stop = () => act(() => post(`/api/sessions/${sessionId}/stop`));

  useEffect(() => {
    const escape = (e: globalThis.KeyboardEvent) => {
      if (e.key === "Escape" && running && !document.querySelector("[role=dialog]")) void stop();
    };
    window.addEventListener("keydown", escape);
    return () => window.removeEventListener("keydown", escape);
  });

  const keys = (e: KeyboardEvent) => {
    if ((e.metaKey || e.ctrlKey) && e.key === "Enter") {
      e.preventDefault();
      void send();
    }
  };

  return (
    <section className="prompt-box card" aria-label="Send a prompt">
      <label htmlFor="follow-up" className="visually-hidden">
        Follow-up prompt
      </label>
      <textarea
        id="follow-up"
        rows={2}
        disabled={archived}
        placeholder={archived ? "This session is archived." : running ? "Queue a follow-up…" : "Ask for a follow-up…"}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={keys}
      />
      <ErrorText error={error} />
      <div className="actions">
        <span className="hint">
          <kbd>{modKey}+Enter</kbd> sends{running && <>, <kbd>Esc</kbd> stops</>}
        </span>
        {running && (
          <button className="danger" onClick={stop} id="stop">
            ■ Stop
          </button>
        )}
        <button className="primary" onClick={send} disabled={busy || archived || !text.trim()} id="send">
          {running ? "Queue" : "Send"}
        </button>
      </div>
      {queued.length > 0 && (
        <div className="queue">
          <h3>Queued</h3>
          <ol aria-label="Queued prompts">
            {queued.map((p) => (
              <li key={p.id}>
                <Avatar id={p.author.id} name={p.author.name} size={22} />
                <span className="queued-body">
                  <span className="queued-text">{p.content}</span>
                  {p.waiting && (
                    <span className="hint queued-waiting" data-testid="prompt-waiting" title={p.waiting}>
                      {p.waiting}
                    </span>
                  )}
                </span>
                <button className="ghost" onClick={() => act(() => post(`/api/sessions/${sessionId}/prompts/${p.id}/cancel`))} aria-label={`Cancel queued prompt: ${p.content.slice(0, 40)}`}>
                  Cancel
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
