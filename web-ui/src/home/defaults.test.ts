import { describe, expect, it } from "vitest";
import type { Preferences } from "../api/types";
import { baseBranchToSend, branchOverride, composerDefaults, followUpChoice } from "./defaults";

const prefs = (over: Partial<Preferences> = {}): Preferences => ({ model: null, reasoningEffort: null, baseBranches: {}, ...over });
const last = (model = "", effort = "") => ({ repository: "", branch: "", model, effort });
const catalog = ["anthropic/claude", "openai/gpt"];

describe("the composer's model and effort", () => {
  it("start from the person's preferences over this browser's last choice", () => {
    expect(composerDefaults(prefs({ model: "anthropic/claude", reasoningEffort: "high" }), last("openai/gpt", "low"), catalog)).toEqual({
      model: "anthropic/claude",
      effort: "high",
    });
  });
  it("fall back to the last choice, then to the defaults, when no preference is set", () => {
    expect(composerDefaults(prefs(), last("openai/gpt", "low"), catalog)).toEqual({ model: "openai/gpt", effort: "low" });
    expect(composerDefaults(prefs(), last(), catalog)).toEqual({ model: "", effort: "" });
  });
  it("skip a model the catalog no longer lists and an effort not known", () => {
    expect(composerDefaults(prefs({ model: "gone/model" }), last("openai/gpt"), catalog).model).toBe("openai/gpt");
    expect(composerDefaults(prefs({ model: "gone/model" }), last(), catalog).model).toBe("");
    expect(composerDefaults(prefs({ reasoningEffort: "extreme" }), last("", "medium"), catalog).effort).toBe("medium");
  });
});

describe("a new session's base branch", () => {
  const withOverride = prefs({ baseBranches: { "acme/widgets": "develop" } });
  it("is the typed one when there is one", () => {
    expect(baseBranchToSend(" hotfix ", "acme/widgets", withOverride, "main")).toBe("hotfix");
  });
  it("is the person's override for that repository, over the repository's default", () => {
    expect(baseBranchToSend("", " acme/widgets ", withOverride, "main")).toBe("develop");
    expect(branchOverride("acme/widgets", withOverride)).toBe("develop");
  });
  it("is the GitHub default, else left to the server, for other repositories", () => {
    expect(baseBranchToSend("", "acme/api", withOverride, "trunk")).toBe("trunk");
    expect(baseBranchToSend("", "https://git.example/x.git", withOverride, null)).toBeUndefined();
    expect(branchOverride("toString", withOverride)).toBeNull();
    expect(branchOverride("", withOverride)).toBeNull();
  });
});

describe("a follow-up's model and effort", () => {
  it("are the person's preferences when the session has none chosen", () => {
    expect(followUpChoice({ model: null, reasoningEffort: null }, prefs({ model: "openai/gpt", reasoningEffort: "low" }))).toEqual({
      model: "openai/gpt",
      reasoningEffort: "low",
    });
  });
  it("are left to the session when it chose them, and to the server when nobody did", () => {
    expect(followUpChoice({ model: "anthropic/claude", reasoningEffort: "high" }, prefs({ model: "openai/gpt", reasoningEffort: "low" }))).toEqual({
      model: undefined,
      reasoningEffort: undefined,
    });
    expect(followUpChoice({ model: null, reasoningEffort: null }, prefs())).toEqual({ model: undefined, reasoningEffort: undefined });
  });
});
