// The session timeline as the client holds it: stored events keyed by seq (so repeats and
// out-of-order arrivals are harmless) plus the live text of parts that are still streaming.
import type { ServerMessage, StoredEvent } from "../api/types";

export interface LivePart {
  promptId: string;
  partId: string;
  kind: "text" | "reasoning";
  text: string;
  /** The connection dropped while this part streamed: deltas were missed, so it waits for its stored text. */
  stale: boolean;
}

export interface TimelineState {
  readonly events: ReadonlyMap<number, StoredEvent>;
  /** Seqs held, ascending. */
  readonly order: readonly number[];
  /** Every seq from 1 to this one is held: where a reconnect resumes. */
  readonly resumeFrom: number;
  /** Parts whose final text is stored; their deltas are ignored. */
  readonly storedParts: ReadonlySet<string>;
  readonly live: ReadonlyMap<string, LivePart>;
  /** The server said its replay reached this seq (0 until the first replay.done). */
  readonly replayedTo: number;
}

export type TimelineAction =
  | { type: "received"; messages: readonly ServerMessage[] }
  | { type: "disconnected" };

export const emptyTimeline: TimelineState = {
  events: new Map(),
  order: [],
  resumeFrom: 0,
  storedParts: new Set(),
  live: new Map(),
  replayedTo: 0,
};

export function timelineReducer(state: TimelineState, action: TimelineAction): TimelineState {
  switch (action.type) {
    case "received":
      return receive(state, flatten(action.messages));
    case "disconnected":
      return disconnect(state);
  }
}

function flatten(messages: readonly ServerMessage[]): ServerMessage[] {
  return messages.flatMap((m) => (m.type === "batch" ? flatten(m.messages) : [m]));
}

function receive(state: TimelineState, messages: ServerMessage[]): TimelineState {
  const relevant = messages.filter((m) => m.type === "event" || m.type === "delta" || m.type === "replay.done");
  if (relevant.length === 0) return state;
  const events = new Map(state.events);
  const storedParts = new Set(state.storedParts);
  const live = new Map(state.live);
  const added: number[] = [];
  let replayedTo = state.replayedTo;
  let liveChanged = false;
  for (const message of relevant) {
    if (message.type === "event") {
      const event = message.event;
      if (!Number.isInteger(event.seq) || event.seq < 1 || events.has(event.seq)) continue;
      events.set(event.seq, event);
      added.push(event.seq);
      const partId = partOf(event);
      if (partId) {
        storedParts.add(partId);
        liveChanged = live.delete(partId) || liveChanged;
      }
    } else if (message.type === "delta") {
      if (storedParts.has(message.partId)) continue;
      const part = live.get(message.partId);
      if (part?.stale) continue;
      live.set(message.partId, {
        promptId: message.promptId,
        partId: message.partId,
        kind: message.kind,
        text: (part?.text ?? "") + message.text,
        stale: false,
      });
      liveChanged = true;
    } else if (message.type === "replay.done") {
      replayedTo = Math.max(replayedTo, message.lastSeq);
    }
  }
  if (added.length === 0 && !liveChanged && replayedTo === state.replayedTo) return state;
  let resumeFrom = state.resumeFrom;
  while (events.has(resumeFrom + 1)) resumeFrom++;
  return { events, order: merge(state.order, added), resumeFrom, storedParts, live, replayedTo };
}

function disconnect(state: TimelineState): TimelineState {
  if (state.live.size === 0) return state;
  const live = new Map<string, LivePart>();
  state.live.forEach((part, id) => live.set(id, { ...part, stale: true }));
  return { ...state, live };
}

function partOf(event: StoredEvent): string | null {
  if (event.type !== "assistant.text" && event.type !== "assistant.reasoning") return null;
  return typeof event.partId === "string" ? event.partId : null;
}

function merge(order: readonly number[], added: number[]): readonly number[] {
  if (added.length === 0) return order;
  added.sort((a, b) => a - b);
  if (order.length === 0 || added[0] > order[order.length - 1]) return [...order, ...added];
  return [...order, ...added].sort((a, b) => a - b);
}
