// The composer remembers the last repository, model and reasoning effort in this browser.

export interface Choice {
  repository: string;
  branch: string;
  model: string;
  effort: string;
}

const KEY = "codinspect.lastChoice";
export const EFFORTS = ["none", "minimal", "low", "medium", "high", "xhigh", "max"];

export function lastChoice(): Choice {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<Choice>;
    return { repository: saved.repository ?? "", branch: saved.branch ?? "", model: saved.model ?? "", effort: saved.effort ?? "" };
  } catch {
    return { repository: "", branch: "", model: "", effort: "" };
  }
}

export function remember(choice: Choice) {
  localStorage.setItem(KEY, JSON.stringify(choice));
}

/** A session title from the prompt's first line. */
export function titleOf(prompt: string): string {
  const line = prompt.trim().split("\n")[0].trim();
  return line.length > 80 ? `${line.slice(0, 77)}…` : line;
}

export function newRequestId(): string {
  return crypto.randomUUID();
}
