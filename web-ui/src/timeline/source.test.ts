import { describe, expect, it } from "vitest";
import { contextBlocks, safeLink, sourceLabel } from "./source";

describe("a prompt's source label", () => {
  it("names the platform a bot relayed it from", () => {
    expect(sourceLabel("slack")).toBe("Slack");
    expect(sourceLabel("github")).toBe("GitHub");
    expect(sourceLabel("linear")).toBe("Linear");
    expect(sourceLabel("webhook")).toBe("a webhook");
    expect(sourceLabel("automation")).toBe("an automation");
    expect(sourceLabel("agent")).toBe("an agent");
  });
  it("says nothing for a person's own prompts, a missing source or one this version does not know", () => {
    expect(sourceLabel("web")).toBeNull();
    expect(sourceLabel("api")).toBeNull();
    expect(sourceLabel(null)).toBeNull();
    expect(sourceLabel(undefined)).toBeNull();
    expect(sourceLabel("<img src=x>")).toBeNull();
    expect(sourceLabel("constructor")).toBeNull();
  });
});

describe("a source link", () => {
  it("keeps https and http URLs", () => {
    expect(safeLink("https://acme.slack.com/archives/C0456/p1712345678000100")).toBe("https://acme.slack.com/archives/C0456/p1712345678000100");
    expect(safeLink("http://example.com/x")).toBe("http://example.com/x");
  });
  it("refuses javascript:, data: and other schemes however they are spelled", () => {
    expect(safeLink("javascript:alert(1)")).toBeNull();
    expect(safeLink("JavaScript:alert(1)")).toBeNull();
    expect(safeLink("  javascript:alert(1)")).toBeNull();
    expect(safeLink("java\tscript:alert(1)")).toBeNull();
    expect(safeLink("data:text/html,<script>alert(1)</script>")).toBeNull();
    expect(safeLink("vbscript:msgbox")).toBeNull();
    expect(safeLink("file:///etc/passwd")).toBeNull();
  });
  it("refuses relative, protocol-relative and missing URLs", () => {
    expect(safeLink("/sessions/1")).toBeNull();
    expect(safeLink("//evil.example/x")).toBeNull();
    expect(safeLink("")).toBeNull();
    expect(safeLink(null)).toBeNull();
  });
});

describe("context blocks from an event", () => {
  it("keeps well-formed blocks and treats a block as untrusted unless it says trusted: true", () => {
    expect(
      contextBlocks([
        { title: "Thread", content: "earlier", trusted: true },
        { title: "Issue", content: "body", trusted: "true" },
        { title: "Other", content: "x" },
      ]),
    ).toEqual([
      { title: "Thread", content: "earlier", trusted: true },
      { title: "Issue", content: "body", trusted: false },
      { title: "Other", content: "x", trusted: false },
    ]);
  });
  it("drops malformed blocks and names an untitled one", () => {
    expect(contextBlocks([null, 3, { title: "no content" }, { content: "c" }])).toEqual([{ title: "Context", content: "c", trusted: false }]);
    expect(contextBlocks(undefined)).toEqual([]);
    expect(contextBlocks({ title: "t", content: "c" })).toEqual([]);
  });
});
