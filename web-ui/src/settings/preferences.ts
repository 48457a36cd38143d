// The Preferences form's base-branch rows and the body they become; pure, so it is tested.
import type { Preferences } from "../api/types";

export interface BranchRow {
  /** Stable across edits, for React's keys and the inputs' ids. */
  key: number;
  repository: string;
  branch: string;
}

export const NO_PREFERENCES: Preferences = { model: null, reasoningEffort: null, baseBranches: {} };

/** The server's rule for a branch name (Preferences.java). */
const BRANCH = /^[A-Za-z0-9._][A-Za-z0-9._/-]*$/;

let nextKey = 1;
const row = (repository: string, branch: string): BranchRow => ({ key: nextKey++, repository, branch });

/** One row per override, sorted by repository. */
export function rowsOf(baseBranches: Record<string, string>): BranchRow[] {
  return Object.entries(baseBranches)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([repository, branch]) => row(repository, branch));
}

export const addRow = (rows: BranchRow[]): BranchRow[] => [...rows, row("", "")];

export const removeRow = (rows: BranchRow[], key: number): BranchRow[] => rows.filter((r) => r.key !== key);

export const updateRow = (rows: BranchRow[], key: number, change: Partial<Omit<BranchRow, "key">>): BranchRow[] =>
  rows.map((r) => (r.key === key ? { ...r, ...change } : r));

/**
 * The body to PUT, or what is wrong with the rows. Rows left entirely blank are dropped; a row
 * needs both a repository and a valid branch, and a repository appears once.
 */
export function toPreferences(model: string, effort: string, rows: BranchRow[]): { body: Preferences } | { problem: string } {
  const baseBranches: Record<string, string> = {};
  for (const r of rows) {
    const repository = r.repository.trim();
    const branch = r.branch.trim();
    if (!repository && !branch) continue;
    if (!repository) return { problem: `Name the repository for the branch "${branch}".` };
    if (!branch) return { problem: `Name the base branch for ${repository}.` };
    if (!BRANCH.test(branch)) return { problem: `"${branch}" is not a valid branch name.` };
    if (Object.hasOwn(baseBranches, repository)) return { problem: `${repository} is listed twice.` };
    baseBranches[repository] = branch;
  }
  return { body: { model: model || null, reasoningEffort: effort || null, baseBranches } };
}
