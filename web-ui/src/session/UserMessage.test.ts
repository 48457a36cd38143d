// The prompt row rendered to HTML: what a bot relays (source link, context) must stay text.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Item } from "../timeline/items";
import { UserMessage } from "./UserMessage";

const prompt = (over: Partial<Extract<Item, { kind: "user" }>>) =>
  renderToStaticMarkup(
    createElement(UserMessage, {
      item: {
        kind: "user",
        key: "u1",
        promptId: "p1",
        author: { id: "u1", name: "Ada", login: null, email: null },
        content: "fix the build",
        model: null,
        at: "2026-11-26T10:00:00Z",
        source: null,
        sourceUrl: null,
        context: [],
        ...over,
      },
    }),
  );

describe("a prompt in the timeline", () => {
  it("says nothing about its source when a person sent it", () => {
    expect(prompt({ source: "web" })).not.toContain("from");
  });
  it("links back to Slack, opening apart from this page", () => {
    const html = prompt({ source: "slack", sourceUrl: "https://acme.slack.com/archives/C1/p2" });
    expect(html).toContain('from <a href="https://acme.slack.com/archives/C1/p2" target="_blank" rel="noopener noreferrer">Slack</a>');
  });
  it("names the source without a link when the link is not http(s)", () => {
    const html = prompt({ source: "github", sourceUrl: "javascript:alert(1)" });
    expect(html).toContain("from GitHub");
    expect(html).not.toContain("href");
    expect(html).not.toContain("javascript:");
  });
  it("shows context collapsed, as text, marking untrusted blocks", () => {
    const html = prompt({
      source: "slack",
      context: [
        { title: "Thread <i>x</i>", content: "<img src=x onerror=alert(1)> **bold**", trusted: false },
        { title: "Channel topic", content: "ship it", trusted: true },
      ],
    });
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; **bold**");
    expect(html).toContain("Thread &lt;i&gt;x&lt;/i&gt;");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<strong>");
    expect(html).not.toContain("<details open");
    expect(html.match(/untrusted<\/span>/g)).toHaveLength(1);
  });
});
