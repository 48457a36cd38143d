import { describe, expect, it } from "vitest";
import { addRow, removeRow, rowsOf, toPreferences, updateRow } from "./preferences";

describe("base-branch rows", () => {
  it("are one per override, sorted by repository", () => {
    const rows = rowsOf({ "acme/widgets": "develop", "acme/api": "main" });
    expect(rows.map((r) => [r.repository, r.branch])).toEqual([
      ["acme/api", "main"],
      ["acme/widgets", "develop"],
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
  });
  it("are added blank, edited and removed by key without touching the others", () => {
    let rows = rowsOf({ "acme/api": "main" });
    rows = addRow(rows);
    const added = rows[1];
    expect(added).toMatchObject({ repository: "", branch: "" });
    rows = updateRow(rows, added.key, { repository: "acme/web" });
    rows = updateRow(rows, added.key, { branch: "release" });
    expect(rows.map((r) => [r.repository, r.branch])).toEqual([
      ["acme/api", "main"],
      ["acme/web", "release"],
    ]);
    rows = removeRow(rows, rows[0].key);
    expect(rows.map((r) => r.repository)).toEqual(["acme/web"]);
  });
});

describe("the preferences to save", () => {
  const rows = (...pairs: [string, string][]) => pairs.map(([repository, branch], key) => ({ key, repository, branch }));

  it("map repositories to branches, trimmed, with blank rows dropped and empty choices as null", () => {
    expect(toPreferences("", "", rows([" acme/api ", " develop "], ["", ""]))).toEqual({
      body: { model: null, reasoningEffort: null, baseBranches: { "acme/api": "develop" } },
    });
    expect(toPreferences("anthropic/claude", "high", [])).toEqual({
      body: { model: "anthropic/claude", reasoningEffort: "high", baseBranches: {} },
    });
  });
  it("need both a repository and a branch in a row", () => {
    expect(toPreferences("", "", rows(["", "develop"]))).toEqual({ problem: 'Name the repository for the branch "develop".' });
    expect(toPreferences("", "", rows(["acme/api", " "]))).toEqual({ problem: "Name the base branch for acme/api." });
  });
  it("refuse a branch name the server would refuse and a repository listed twice", () => {
    expect(toPreferences("", "", rows(["acme/api", "-x"]))).toEqual({ problem: '"-x" is not a valid branch name.' });
    expect(toPreferences("", "", rows(["acme/api", "a b"]))).toHaveProperty("problem");
    expect(toPreferences("", "", rows(["acme/api", "main"], ["acme/api", "dev"]))).toEqual({ problem: "acme/api is listed twice." });
  });
});
