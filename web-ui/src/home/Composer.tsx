// Starts a session: repository (GitHub repositories the App reaches, or any git URL), branch,
// model and reasoning effort, and the first prompt.
import { type FormEvent, type KeyboardEvent, useEffect, useMemo, useRef, useState } from "react";
import { get, getPreferences, post, describe } from "../api/client";
import type { Branch, Model, Preferences, Prompt, Session } from "../api/types";
import { modKey } from "../app/format";
import { navigate } from "../app/router";
import { NO_PREFERENCES } from "../settings/preferences";
import { EFFORTS, lastChoice, newRequestId, remember, titleOf } from "./choices";
import { baseBranchToSend, branchOverride, composerDefaults } from "./defaults";
import { RepositoryField, useRepos } from "./RepositoryField";
import { ErrorText } from "../app/ErrorText";

export function Composer() {
  const initial = useMemo(lastChoice, []);
  const repos = useRepos();
  const [models, setModels] = useState<Model[]>([]);
  const [preferences, setPreferences] = useState<Preferences>(NO_PREFERENCES);
  /** Once the person picks a model or effort here, loading the defaults no longer changes it. */
  const picked = useRef(false);
  const [branches, setBranches] = useState<Branch[]>([]);
  const [repository, setRepository] = useState(initial.repository);
  const [branch, setBranch] = useState(initial.branch);
  const [model, setModel] = useState(initial.model);
  const [effort, setEffort] = useState(initial.effort);
  const [prompt, setPrompt] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void Promise.all([get<Model[]>("/api/models").catch(() => []), getPreferences().catch(() => NO_PREFERENCES)]).then(([list, prefs]) => {
      setModels(list);
      setPreferences(prefs);
      if (picked.current) return;
      const defaults = composerDefaults(prefs, initial, list.map((m) => m.id));
      setModel(defaults.model);
      setEffort(defaults.effort);
    });
  }, [initial]);

  const github = repos?.find((r) => r.fullName === repository.trim()) ?? null;
  useEffect(() => {
    if (!github) return setBranches([]);
    let stale = false;
    get<Branch[]>(`/api/repos/${github.owner}/${github.name}/branches`).then(
      (list) => !stale && setBranches(list),
      () => !stale && setBranches([]),
    );
    return () => {
      stale = true;
    };
  }, [github]);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy || !repository.trim() || !prompt.trim()) return;
    setBusy(true);
    setError(null);
    const choice = { repository: repository.trim(), branch: branch.trim(), model, effort };
    try {
      const session = await post<Session>("/api/sessions", {
        repository: choice.repository,
        baseBranch: baseBranchToSend(choice.branch, choice.repository, preferences, github?.defaultBranch ?? null),
        title: titleOf(prompt),
        model: model || undefined,
        reasoningEffort: effort || undefined,
      });
      remember(choice);
      await post<Prompt>(`/api/sessions/${session.id}/prompts`, { content: prompt, clientRequestId: newRequestId(), source: "web" });
      navigate(`/sessions/${session.id}`);
    } catch (err) {
      setError(describe(err));
      setBusy(false);
    }
  };

  const keys = (e: KeyboardEvent) => {
    if ((e.metaKey || e.ctrlKey) && e.key === "Enter") void submit();
  };

  return (
    <form className="composer card" onSubmit={submit} aria-label="Start a session">
      <h1>What should the agent do?</h1>
      <div className="row">
        <RepositoryField id="repository" repos={repos} value={repository} onChange={setRepository} required />
        <div className="field">
          <label htmlFor="branch">Base branch</label>
          <input
            id="branch"
            list="branch-options"
            placeholder={branchOverride(repository, preferences) ?? github?.defaultBranch ?? "main"}
            value={branch}
            onChange={(e) => setBranch(e.target.value)}
            autoComplete="off"
          />
          <datalist id="branch-options">
            {branches.map((b) => (
              <option key={b.name} value={b.name} />
            ))}
          </datalist>
        </div>
      </div>
      <div className="row">
        <div className="field grow">
          <label htmlFor="model">Model</label>
          <select id="model" value={model} onChange={(e) => {
              picked.current = true;
              setModel(e.target.value);
            }}>
            <option value="">Default{models.find((m) => m.isDefault) ? ` (${models.find((m) => m.isDefault)!.id})` : ""}</option>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.providerName} · {m.model}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="effort">Reasoning effort</label>
          <select id="effort" value={effort} onChange={(e) => {
              picked.current = true;
              setEffort(e.target.value);
            }}>
            <option value="">Default</option>
            {EFFORTS.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label htmlFor="prompt">Prompt</label>
      <textarea
        id="prompt"
        rows={5}
        placeholder="Describe the change, the bug or the question…"
        value={prompt}
        onChange={(e) => setPrompt(e.target.value)}
        onKeyDown={keys}
        required
      />
      <ErrorText error={error} />
      <div className="actions">
        <span className="hint">
          <kbd>{modKey}+Enter</kbd> to start
        </span>
        <button type="submit" className="primary" disabled={busy || !repository.trim() || !prompt.trim()}>
          {busy ? "Starting…" : "Start session"}
        </button>
      </div>
    </form>
  );
}
