import { describe, expect, it } from "vitest";
import type { ServerMessage, StoredEvent } from "../api/types";
import { buildItems } from "./items";
import { emptyTimeline, timelineReducer, type TimelineState } from "./reducer";

const at = "2026-11-26T10:00:00Z";
const ev = (seq: number, type: string, fields: Record<string, unknown> = {}): ServerMessage => ({
  type: "event",
  event: { seq, type, createdAt: at, ...fields } as StoredEvent,
});
const delta = (partId: string, text: string, kind: "text" | "reasoning" = "text"): ServerMessage => ({
  type: "delta",
  promptId: "p1",
  partId,
  kind,
  text,
});
const apply = (state: TimelineState, ...messages: ServerMessage[]) =>
  timelineReducer(state, { type: "received", messages });
const texts = (state: TimelineState) =>
  buildItems(state).flatMap((i) => (i.kind === "text" ? [`${i.text}${i.streaming ? " (live)" : ""}`] : []));
const user = { id: "u1", name: "Ada", login: "ada", email: null };

describe("timelineReducer", () => {
  it("appends deltas after a replayed snapshot and lets the stored text replace them", () => {
    let state = apply(emptyTimeline, ev(1, "user.message", { promptId: "p1", author: user, content: "hi" }), ev(2, "prompt.started", { promptId: "p1" }), {
      type: "replay.done",
      lastSeq: 2,
    });
    state = apply(state, delta("a", "Hel"), delta("a", "lo"));
    expect(texts(state)).toEqual(["Hello (live)"]);

    state = apply(state, ev(3, "assistant.text", { promptId: "p1", partId: "a", text: "Hello." }));
    expect(texts(state)).toEqual(["Hello."]);
    expect(state.live.size).toBe(0);
  });

  it("ignores deltas of a part whose stored text it already has", () => {
    let state = apply(emptyTimeline, ev(1, "assistant.text", { promptId: "p1", partId: "a", text: "Done." }));
    state = apply(state, delta("a", "late"));
    expect(texts(state)).toEqual(["Done."]);
  });

  it("holds each seq once however often it arrives", () => {
    let state = apply(emptyTimeline, ev(1, "user.message", { promptId: "p1", author: user, content: "hi" }));
    const again = apply(state, ev(1, "user.message", { promptId: "p1", author: user, content: "hi" }));
    expect(again).toBe(state);
    state = apply(state, ev(2, "assistant.text", { promptId: "p1", partId: "a", text: "x" }), ev(2, "assistant.text", { promptId: "p1", partId: "a", text: "x" }));
    expect(state.order).toEqual([1, 2]);
    expect(buildItems(state).filter((i) => i.kind === "user")).toHaveLength(1);
  });

  it("orders out-of-order events by seq and resumes from the last seq without a gap", () => {
    let state = apply(emptyTimeline, ev(1, "assistant.text", { promptId: "p1", partId: "a", text: "one" }), ev(3, "assistant.text", { promptId: "p1", partId: "c", text: "three" }));
    expect(state.resumeFrom).toBe(1);
    state = apply(state, ev(2, "assistant.text", { promptId: "p1", partId: "b", text: "two" }));
    expect(state.order).toEqual([1, 2, 3]);
    expect(state.resumeFrom).toBe(3);
    expect(texts(state)).toEqual(["one", "two", "three"]);
  });

  it("unpacks batches, nested ones included, in order", () => {
    const state = apply(emptyTimeline, {
      type: "batch",
      messages: [ev(1, "assistant.text", { promptId: "p1", partId: "a", text: "A" }), { type: "batch", messages: [delta("b", "B1"), delta("b", "B2")] }],
    });
    expect(texts(state)).toEqual(["A", "B1B2 (live)"]);
  });

  it("at a reconnect seam keeps the partial text but takes no more deltas for it until its stored text arrives", () => {
    let state = apply(emptyTimeline, delta("a", "The ans"));
    state = timelineReducer(state, { type: "disconnected" });
    // deltas sent while away were missed; the first after the reconnect must not be glued on
    state = apply(state, ev(1, "user.message", { promptId: "p1", author: user, content: "q" }), { type: "replay.done", lastSeq: 1 }, delta("a", "wer is"));
    const live = buildItems(state).find((i) => i.kind === "text");
    expect(live).toMatchObject({ text: "The ans", streaming: true, stale: true });

    state = apply(state, ev(2, "assistant.text", { promptId: "p1", partId: "a", text: "The answer is 42." }));
    expect(texts(state)).toEqual(["The answer is 42."]);
    // a part that starts after the reconnect streams normally
    state = apply(state, delta("b", "More"));
    expect(texts(state)).toEqual(["The answer is 42.", "More (live)"]);
  });

  it("leaves the state untouched by presence and pong", () => {
    const state = apply(emptyTimeline, { type: "pong" }, { type: "presence", watchers: [] });
    expect(state).toBe(emptyTimeline);
  });

  it("rejects events without a usable seq", () => {
    const state = apply(emptyTimeline, ev(0, "warning", { message: "x" }), ev(-2, "warning", { message: "y" }));
    expect(state.order).toEqual([]);
  });
});
