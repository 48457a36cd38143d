// Where a prompt came from, as the timeline says it: a platform's name and, when it is safe to
// follow, a link back. Everything here comes from outside (a bot relays it), so links are checked.
import type { ContextBlock } from "../api/types";

const LABELS: Record<string, string> = {
  slack: "Slack",
  github: "GitHub",
  linear: "Linear",
  webhook: "a webhook",
  automation: "an automation",
  agent: "an agent",
};

/** "Slack" for a prompt from Slack; null for a person's own (web, api, none) and for sources this version does not know. */
export function sourceLabel(source: string | null | undefined): string | null {
  return source && Object.hasOwn(LABELS, source) ? LABELS[source] : null;
}

/** The link to render for a source URL: only absolute http(s) URLs, normalised; anything else (javascript:, data:, relative) is null. */
export function safeLink(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
}

/** Context blocks from an event's JSON; a block is trusted only when it says so exactly, and anything malformed is dropped. */
export function contextBlocks(value: unknown): ContextBlock[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((b: unknown) => {
    if (!b || typeof b !== "object") return [];
    const { title, content, trusted } = b as Record<string, unknown>;
    if (typeof content !== "string") return [];
    return [{ title: typeof title === "string" && title.trim() ? title : "Context", content, trusted: trusted === true }];
  });
}
