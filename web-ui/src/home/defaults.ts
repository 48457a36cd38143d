// Where the composer's and the follow-up box's choices start: the person's preferences (Settings →
// Preferences), then what this browser last used, then the deployment's defaults. Pure, so it is tested.
import type { Preferences, Session } from "../api/types";
import type { Choice } from "./choices";
import { EFFORTS } from "./choices";

/**
 * The model and effort a new session starts with: the preference, else the browser's last choice;
 * a model the catalog does not list (any more) and an unknown effort give "" (the default).
 */
export function composerDefaults(preferences: Preferences, last: Choice, modelIds: string[]): { model: string; effort: string } {
  const model = [preferences.model, last.model].find((m) => m && modelIds.includes(m)) ?? "";
  const effort = [preferences.reasoningEffort, last.effort].find((e) => e && EFFORTS.includes(e)) ?? "";
  return { model, effort };
}

/** The person's base branch for `repository` (as typed: `owner/name` or a URL), or null. */
export function branchOverride(repository: string, preferences: Preferences): string | null {
  const key = repository.trim();
  return key && Object.hasOwn(preferences.baseBranches, key) ? preferences.baseBranches[key] || null : null;
}

/** A new session's base branch: the typed one, else the person's override, else the GitHub repository's default; undefined lets the server decide. */
export function baseBranchToSend(typed: string, repository: string, preferences: Preferences, githubDefault: string | null): string | undefined {
  return typed.trim() || branchOverride(repository, preferences) || githubDefault || undefined;
}

/** A follow-up's model and effort: none when the session chose them (it keeps its own), else the person's preferences. */
export function followUpChoice(session: Pick<Session, "model" | "reasoningEffort">, preferences: Preferences): { model?: string; reasoningEffort?: string } {
  return {
    model: session.model ? undefined : (preferences.model ?? undefined),
    reasoningEffort: session.reasoningEffort ? undefined : (preferences.reasoningEffort ?? undefined),
  };
}
