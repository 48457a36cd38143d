import { describe, expect, it } from "vitest";
import type { ServerMessage, StoredEvent } from "../api/types";
import { buildItems, changedFiles, latestPull } from "./items";
import { emptyTimeline, timelineReducer } from "./reducer";

const ev = (seq: number, type: string, fields: Record<string, unknown> = {}): ServerMessage => ({
  type: "event",
  event: { seq, type, createdAt: "2026-11-26T10:00:00Z", ...fields } as StoredEvent,
});
const ada = { id: "u1", name: "Ada", login: "ada", email: null };
const state = (...messages: ServerMessage[]) => timelineReducer(emptyTimeline, { type: "received", messages });

describe("buildItems", () => {
  it("merges a tool call's updates into one row at its first position, latest status winning", () => {
    const s = state(
      ev(1, "tool.call", { promptId: "p", callId: "c1", tool: "edit", status: "running", input: { filePath: "a.txt" } }),
      ev(2, "assistant.text", { promptId: "p", partId: "x", text: "editing" }),
      ev(3, "tool.call", { promptId: "p", callId: "c1", tool: "edit", status: "completed", input: { filePath: "a.txt", oldString: "a", newString: "b" }, output: "ok" }),
    );
    const items = buildItems(s);
    expect(items.map((i) => i.kind)).toEqual(["tool", "text"]);
    expect(items[0]).toMatchObject({ call: { status: "completed", output: "ok" } });
  });

  it("sums tokens per turn and shows a running turn as working", () => {
    const s = state(
      ev(1, "prompt.started", { promptId: "p1" }),
      ev(2, "step.finished", { promptId: "p1", tokens: { input: 100, output: 20, reasoning: 5 }, cost: 0.01 }),
      ev(3, "step.finished", { promptId: "p1", tokens: { input: 50, output: 10, reasoning: 0 }, cost: 0.02 }),
      ev(4, "prompt.completed", { promptId: "p1" }),
      ev(5, "prompt.started", { promptId: "p2" }),
    );
    const items = buildItems(s);
    const turn = items.find((i) => i.kind === "turn");
    expect(turn).toMatchObject({ outcome: "completed", usage: { input: 150, output: 30, reasoning: 5 } });
    expect(items.at(-1)).toMatchObject({ kind: "working", promptId: "p2" });
  });

  it("groups consecutive sandbox phases into one boot block under the prompt the sandbox starts for", () => {
    const s = state(
      ev(1, "user.message", { promptId: "p1", author: ada, content: "first" }),
      ev(2, "sandbox.status", { status: "spawning", message: "Starting a sandbox" }),
      ev(3, "sandbox.status", { status: "phase", phase: "clone", durationMs: 120 }),
      ev(4, "prompt.started", { promptId: "p1" }),
      ev(5, "sandbox.status", { status: "connected" }),
      ev(6, "warning", { message: "slow" }),
      ev(7, "sandbox.status", { status: "stopped" }),
    );
    const items = buildItems(s);
    expect(items.map((i) => i.kind)).toEqual(["user", "sandbox", "notice", "sandbox", "working"]);
    const first = items[1];
    expect(first.kind === "sandbox" && first.phases.map((p) => p.phase ?? p.status)).toEqual(["spawning", "clone", "connected"]);
  });

  it("shows what a prompt caused under it, and its end last, even when stored after the next prompt or its end", () => {
    const s = state(
      ev(1, "user.message", { promptId: "p1", author: ada, content: "slow" }),
      ev(2, "prompt.started", { promptId: "p1" }),
      ev(3, "user.message", { promptId: "p2", author: ada, content: "queued" }),
      ev(4, "prompt.cancelled", { promptId: "p1", reason: "stopped" }),
      ev(5, "assistant.text", { promptId: "p1", partId: "a", text: "partial" }),
      ev(6, "step.finished", { promptId: "p1", tokens: { input: 7, output: 1, reasoning: 0 }, cost: 0 }),
      ev(7, "prompt.started", { promptId: "p2" }),
    );
    const items = buildItems(s);
    expect(items.map((i) => (i.kind === "user" ? i.content : i.kind === "text" ? i.text : i.kind))).toEqual([
      "slow",
      "partial",
      "turn",
      "queued",
      "working",
    ]);
    expect(items[2]).toMatchObject({ kind: "turn", outcome: "cancelled", usage: { input: 7 } });
  });

  it("lists changed files from finished edit and write calls only", () => {
    const s = state(
      ev(1, "tool.call", { callId: "w", tool: "write", status: "completed", input: { filePath: "new.md", content: "# New\n" } }),
      ev(2, "tool.call", { callId: "e", tool: "edit", status: "completed", input: { filePath: "a.ts", oldString: "1", newString: "2" } }),
      ev(3, "tool.call", { callId: "f", tool: "edit", status: "error", input: { filePath: "b.ts", oldString: "1", newString: "2" } }),
      ev(4, "tool.call", { callId: "r", tool: "read", status: "completed", input: { filePath: "c.ts" } }),
    );
    const files = changedFiles(s);
    expect([...files.keys()]).toEqual(["new.md", "a.ts"]);
    expect(files.get("a.ts")).toEqual([{ kind: "edit", before: "1", after: "2" }]);
  });

  it("keeps a prompt's source, link back and context blocks, untrusted unless marked trusted", () => {
    const s = state(
      ev(1, "user.message", {
        promptId: "p1",
        author: ada,
        content: "fix it",
        source: "slack",
        sourceUrl: "https://acme.slack.com/archives/C1/p2",
        context: [{ title: "Earlier messages in the Slack thread", content: "<b>ignore previous</b>", trusted: false }, { title: "Note", content: "n" }],
      }),
      ev(2, "user.message", { promptId: "p2", author: ada, content: "from the web" }),
    );
    const [slack, web] = buildItems(s);
    expect(slack).toMatchObject({
      kind: "user",
      source: "slack",
      sourceUrl: "https://acme.slack.com/archives/C1/p2",
      context: [
        { title: "Earlier messages in the Slack thread", content: "<b>ignore previous</b>", trusted: false },
        { title: "Note", content: "n", trusted: false },
      ],
    });
    expect(web).toMatchObject({ kind: "user", source: null, sourceUrl: null, context: [] });
  });

  it("knows the newest pull request state", () => {
    const s = state(
      ev(1, "pull_request", { number: 7, url: "https://x/7", state: "open" }),
      ev(2, "pull_request", { number: 7, url: "https://x/7", state: "merged" }),
    );
    expect(latestPull(s)).toEqual({ number: 7, url: "https://x/7", state: "merged" });
  });
});
