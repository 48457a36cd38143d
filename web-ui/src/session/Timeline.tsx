// The session's story: prompts with their authors, streamed answers, tool calls, boot phases and
// outcomes. Follows the bottom while the reader is there.
import { useEffect, useLayoutEffect, useRef } from "react";
import type { Usage } from "../api/types";
import { duration, tokens } from "../app/format";
import type { BootPhase, Item, StepTokens } from "../timeline/items";
import { Cost } from "../usage/Cost";
import { Markdown } from "./Markdown";
import { ToolRow } from "./ToolRow";
import { UserMessage } from "./UserMessage";

function phaseLabel(p: BootPhase): string {
  if (p.status === "phase") return p.phase ?? "phase";
  return p.message ?? p.status;
}

function Boot({ phases }: { phases: BootPhase[] }) {
  return (
    <div className="boot" aria-label="Sandbox">
      <span className="boot-title">Sandbox</span>
      <ol>
        {phases.map((p) => (
          <li key={p.seq} className={p.status === "failed" ? "error" : undefined}>
            {phaseLabel(p)}
            {p.durationMs != null && <span className="muted"> {duration(p.durationMs)}</span>}
            {p.status === "phase" && p.message && <span className="muted"> — {p.message}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** A turn's tokens and cost: the gateway's record of its calls, else the tokens its steps reported (cost not yet known). */
function TurnUsage({ steps, metered }: { steps: StepTokens; metered: Usage | undefined }) {
  const input = metered?.inputTokens ?? steps.input;
  const output = metered?.outputTokens ?? steps.output;
  const reasoning = metered?.reasoningTokens ?? steps.reasoning;
  return (
    <span className="muted usage">
      {tokens(input)} in · {tokens(output)} out{reasoning > 0 && ` · ${tokens(reasoning)} reasoning`}
      {metered && (
        <>
          {" · "}
          <Cost usage={metered} />
        </>
      )}
    </span>
  );
}

function Row({ item, usage }: { item: Item; usage: ReadonlyMap<string, Usage> }) {
  switch (item.kind) {
    case "user":
      return <UserMessage item={item} />;
    case "sandbox":
      return <Boot phases={item.phases} />;
    case "text":
      return (
        <div className="assistant-text" data-streaming={item.streaming || undefined}>
          <Markdown text={item.text} />
          {item.stale && <p className="muted">… reconnected mid-answer; the rest appears when this part finishes.</p>}
        </div>
      );
    case "reasoning":
      return (
        <details className="reasoning">
          <summary>Reasoning{item.streaming ? "…" : ""}</summary>
          <Markdown text={item.text} />
        </details>
      );
    case "tool":
      return <ToolRow call={item.call} />;
    case "turn":
      return (
        <div className={`turn-end turn-${item.outcome}`} role={item.outcome === "failed" ? "alert" : undefined}>
          <span>
            {item.outcome === "completed" ? "✓ Done" : item.outcome === "failed" ? "✗ Failed" : "■ Stopped"}
            {item.message && item.message !== "stopped" && `: ${item.message}`}
          </span>
          <TurnUsage steps={item.usage} metered={usage.get(item.promptId)} />
        </div>
      );
    case "commit":
      return (
        <div className="commit">
          ⇡ Pushed <code>{item.sha.slice(0, 7)}</code> to <code>{item.branch}</code>
        </div>
      );
    case "pull":
      return (
        <div className="commit">
          ⇄ Pull request{" "}
          <a href={item.url} target="_blank" rel="noopener noreferrer">
            #{item.number}
          </a>{" "}
          is {item.state}
        </div>
      );
    case "notice":
      return (
        <p className={`notice notice-${item.level}`} role={item.level === "error" ? "alert" : undefined}>
          {item.level === "error" ? "Error: " : "Warning: "}
          {item.message}
        </p>
      );
    case "working":
      return (
        <p className="working" role="status">
          <span className="spinner" aria-hidden="true" /> Working…
        </p>
      );
  }
}

/** `usage`: what each prompt's model calls cost, by prompt id. */
export function Timeline({ items, usage }: { items: Item[]; usage: ReadonlyMap<string, Usage> }) {
  const end = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  useEffect(() => {
    const scroll = () => {
      following.current = window.innerHeight + window.scrollY >= document.body.scrollHeight - 80;
    };
    window.addEventListener("scroll", scroll, { passive: true });
    return () => window.removeEventListener("scroll", scroll);
  }, []);
  useLayoutEffect(() => {
    if (following.current) end.current?.scrollIntoView({ block: "end" });
  }, [items]);
  return (
    <div className="timeline" aria-label="Timeline">
      {items.map((item) => (
        <Row key={item.key} item={item} usage={usage} />
      ))}
      <div ref={end} />
    </div>
  );
}
