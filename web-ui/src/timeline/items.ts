// What the timeline shows, derived from the reducer's state: one pass over the stored events in
// seq order (tool calls merged by call id, tokens summed per turn) and live parts at the end.
import type { Author, ContextBlock, StoredEvent } from "../api/types";
import type { TimelineState } from "./reducer";
import { contextBlocks } from "./source";

/** Tokens a turn's steps reported; what they cost comes from the gateway's usage records (`SessionUsage`). */
export interface StepTokens {
  input: number;
  output: number;
  reasoning: number;
}

export interface BootPhase {
  seq: number;
  status: string;
  phase: string | null;
  durationMs: number | null;
  message: string | null;
}

export type Item =
  | {
      kind: "user";
      key: string;
      promptId: string;
      author: Author;
      content: string;
      model: string | null;
      at: string;
      /** Where it came from (web, api, slack, …) and, as sent, the link back; both from outside, checked where shown. */
      source: string | null;
      sourceUrl: string | null;
      context: ContextBlock[];
    }
  | { kind: "sandbox"; key: string; phases: BootPhase[] }
  | { kind: "text"; key: string; promptId: string; text: string; streaming: boolean; stale: boolean }
  | { kind: "reasoning"; key: string; promptId: string; text: string; streaming: boolean; stale: boolean }
  | { kind: "tool"; key: string; promptId: string; call: ToolCallView }
  | { kind: "turn"; key: string; promptId: string; outcome: "completed" | "failed" | "cancelled"; message: string | null; usage: StepTokens }
  | { kind: "commit"; key: string; sha: string; branch: string }
  | { kind: "pull"; key: string; number: number; url: string; state: string }
  | { kind: "notice"; key: string; level: "warning" | "error"; message: string }
  | { kind: "working"; key: string; promptId: string };

export interface ToolCallView {
  callId: string;
  tool: string;
  status: "pending" | "running" | "completed" | "error";
  input: Record<string, unknown>;
  output: string | null;
  outputTruncated: boolean;
  title: string | null;
  error: string | null;
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/** One prompt's part of the timeline: its message, then everything it caused, then how it ended. */
interface Turn {
  promptId: string | null;
  head: Item | null;
  items: Item[];
  end: { key: string; outcome: "completed" | "failed" | "cancelled"; message: string | null } | null;
  started: boolean;
}

const noUsage = (): StepTokens => ({ input: 0, output: 0, reasoning: 0 });

/**
 * The timeline grouped by prompt, so that whatever a prompt caused shows under it even when it was
 * stored after the next prompt was queued or after the turn ended; events of no prompt (the
 * sandbox's) go to the prompt the sandbox works for.
 */
export function buildItems(state: TimelineState): Item[] {
  const turns: Turn[] = [{ promptId: null, head: null, items: [], end: null, started: false }];
  const byPrompt = new Map<string, Turn>();
  const tools = new Map<string, { kind: "tool"; key: string; promptId: string; call: ToolCallView }>();
  const usage = new Map<string, StepTokens>();

  const turnOf = (promptId: string): Turn => {
    if (!promptId) {
      return turns.find((t) => t.promptId && t.started && !t.end) ?? turns.find((t) => t.promptId && !t.end) ?? turns[turns.length - 1];
    }
    let turn = byPrompt.get(promptId);
    if (!turn) {
      turn = { promptId, head: null, items: [], end: null, started: false };
      byPrompt.set(promptId, turn);
      turns.push(turn);
    }
    return turn;
  };

  for (const seq of state.order) {
    const e = state.events.get(seq)!;
    const promptId = str(e.promptId) ?? "";
    const turn = turnOf(promptId);
    switch (e.type) {
      case "user.message":
        turn.head = {
          kind: "user",
          key: `u${seq}`,
          promptId,
          author: (e.author as Author) ?? { id: "", name: "Someone", login: null, email: null },
          content: str(e.content) ?? "",
          model: str(e.model),
          at: e.createdAt,
          source: str(e.source),
          sourceUrl: str(e.sourceUrl),
          context: contextBlocks(e.context),
        };
        break;
      case "sandbox.status": {
        const phase: BootPhase = {
          seq,
          status: str(e.status) ?? "",
          phase: str(e.phase),
          durationMs: typeof e.durationMs === "number" ? e.durationMs : null,
          message: str(e.message),
        };
        const last = turn.items[turn.items.length - 1];
        if (last?.kind === "sandbox") last.phases.push(phase);
        else turn.items.push({ kind: "sandbox", key: `s${seq}`, phases: [phase] });
        break;
      }
      case "assistant.text":
      case "assistant.reasoning":
        turn.items.push({
          kind: e.type === "assistant.text" ? "text" : "reasoning",
          key: `p${str(e.partId) ?? seq}`,
          promptId,
          text: str(e.text) ?? "",
          streaming: false,
          stale: false,
        });
        break;
      case "tool.call": {
        const callId = str(e.callId) ?? `call${seq}`;
        const call: ToolCallView = {
          callId,
          tool: str(e.tool) ?? "tool",
          status: (str(e.status) as ToolCallView["status"]) ?? "pending",
          input: (e.input && typeof e.input === "object" ? e.input : {}) as Record<string, unknown>,
          output: str(e.output),
          outputTruncated: e.outputTruncated === true,
          title: str(e.title),
          error: str(e.error),
        };
        const known = tools.get(callId);
        if (known) known.call = call;
        else {
          const item = { kind: "tool" as const, key: `t${callId}`, promptId, call };
          tools.set(callId, item);
          turn.items.push(item);
        }
        break;
      }
      case "step.finished": {
        const u = usage.get(promptId) ?? noUsage();
        const t = (e.tokens ?? {}) as Record<string, unknown>;
        usage.set(promptId, {
          input: u.input + num(t.input),
          output: u.output + num(t.output),
          reasoning: u.reasoning + num(t.reasoning),
        });
        break;
      }
      case "prompt.started":
        turn.started = true;
        break;
      case "prompt.completed":
      case "prompt.failed":
      case "prompt.cancelled":
        turn.end = {
          key: `e${seq}`,
          outcome: e.type === "prompt.completed" ? "completed" : e.type === "prompt.failed" ? "failed" : "cancelled",
          message: str(e.error) ?? str(e.reason),
        };
        break;
      case "commit.pushed":
        turn.items.push({ kind: "commit", key: `c${seq}`, sha: str(e.sha) ?? "", branch: str(e.branch) ?? "" });
        break;
      case "pull_request":
        turn.items.push({ kind: "pull", key: `r${seq}`, number: num(e.number), url: str(e.url) ?? "", state: str(e.state) ?? "open" });
        break;
      case "warning":
      case "error":
        turn.items.push({ kind: "notice", key: `n${seq}`, level: e.type, message: str(e.message) ?? "" });
        break;
      default:
        break; // kinds this version does not know are kept by the server and skipped here
    }
  }
  for (const part of state.live.values()) {
    turnOf(part.promptId).items.push({
      kind: part.kind,
      key: `p${part.partId}`,
      promptId: part.promptId,
      text: part.text,
      streaming: true,
      stale: part.stale,
    });
  }
  return turns.flatMap((turn) => {
    const promptId = turn.promptId ?? "";
    const items = turn.head ? [turn.head, ...turn.items] : [...turn.items];
    if (turn.end) items.push({ kind: "turn", promptId, ...turn.end, usage: usage.get(promptId) ?? noUsage() });
    else if (turn.started) items.push({ kind: "working", key: `w${promptId}`, promptId });
    return items;
  });
}

export type FileChange = { kind: "edit"; before: string; after: string } | { kind: "write"; content: string };

/** Files the agent changed, in the order first touched, with each change (from finished edit and write calls). */
export function changedFiles(state: TimelineState): Map<string, FileChange[]> {
  const calls = new Map<string, StoredEvent>();
  for (const seq of state.order) {
    const e = state.events.get(seq)!;
    if (e.type === "tool.call" && typeof e.callId === "string") calls.set(e.callId, e);
  }
  const files = new Map<string, FileChange[]>();
  for (const e of calls.values()) {
    if (e.status !== "completed") continue;
    const input = (e.input ?? {}) as Record<string, unknown>;
    const path = str(input.filePath);
    if (!path) continue;
    let change: FileChange | null = null;
    if (e.tool === "edit") change = { kind: "edit", before: str(input.oldString) ?? "", after: str(input.newString) ?? "" };
    else if (e.tool === "write") change = { kind: "write", content: str(input.content) ?? "" };
    if (!change) continue;
    files.set(path, [...(files.get(path) ?? []), change]);
  }
  return files;
}

/** The newest pull request event, for the sidebar. */
export function latestPull(state: TimelineState): { number: number; url: string; state: string } | null {
  for (let i = state.order.length - 1; i >= 0; i--) {
    const e = state.events.get(state.order[i])!;
    if (e.type === "pull_request") return { number: num(e.number), url: str(e.url) ?? "", state: str(e.state) ?? "open" };
  }
  return null;
}
