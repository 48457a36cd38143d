// Everyone's defaults for new sessions: model, reasoning effort and the base branch per repository.
// The composer starts from them, and so do sessions bots start for the person.
import { type FormEvent, useEffect, useState } from "react";
import { describe, get, getPreferences, putPreferences } from "../api/client";
import type { Model } from "../api/types";
import { ErrorText } from "../app/ErrorText";
import { EFFORTS } from "../home/choices";
import { addRow, type BranchRow, removeRow, rowsOf, toPreferences, updateRow } from "./preferences";

export function Preferences() {
  const [models, setModels] = useState<Model[]>([]);
  const [model, setModel] = useState("");
  const [effort, setEffort] = useState("");
  const [rows, setRows] = useState<BranchRow[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    get<Model[]>("/api/models").then(setModels, () => setModels([]));
    getPreferences().then(
      (p) => {
        setModel(p.model ?? "");
        setEffort(p.reasoningEffort ?? "");
        setRows(rowsOf(p.baseBranches));
        setLoaded(true);
      },
      (e: unknown) => setError(describe(e)),
    );
  }, []);

  const edit = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setSaved(false);
  };
  const editRows = edit(setRows);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const result = toPreferences(model, effort, rows);
    if ("problem" in result) return setError(result.problem);
    setBusy(true);
    try {
      const stored = await putPreferences(result.body);
      setRows(rowsOf(stored.baseBranches));
      setSaved(true);
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  const defaultModel = models.find((m) => m.isDefault);
  // A stored model the catalog no longer lists stays selectable, so saving does not silently drop it.
  const unlisted = model && !models.some((m) => m.id === model) ? model : null;
  return (
    <section className="card" aria-labelledby="preferences-heading">
      <h2 id="preferences-heading">Preferences</h2>
      <p className="muted">Where new sessions start, yours and those bots start for you.</p>
      <form onSubmit={save}>
        <div className="row">
          <div className="field grow">
            <label htmlFor="pref-model">Default model</label>
            <select id="pref-model" value={model} onChange={(e) => edit(setModel)(e.target.value)} disabled={!loaded}>
              <option value="">Deployment default{defaultModel ? ` (${defaultModel.id})` : ""}</option>
              {unlisted && <option value={unlisted}>{unlisted} (not in the catalog)</option>}
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.providerName} · {m.model}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="pref-effort">Reasoning effort</label>
            <select id="pref-effort" value={effort} onChange={(e) => edit(setEffort)(e.target.value)} disabled={!loaded}>
              <option value="">Model default</option>
              {EFFORTS.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset className="branch-rows">
          <legend>Base branch per repository</legend>
          {rows.length === 0 && <p className="hint">New sessions start from the repository's default branch, or main.</p>}
          {rows.map((r, i) => (
            <div className="row" key={r.key}>
              <div className="field grow">
                <label htmlFor={`pref-repo-${r.key}`}>Repository {i + 1}</label>
                <input id={`pref-repo-${r.key}`} value={r.repository} placeholder="owner/name" autoComplete="off" onChange={(e) => editRows(updateRow(rows, r.key, { repository: e.target.value }))} />
              </div>
              <div className="field">
                <label htmlFor={`pref-branch-${r.key}`}>Base branch {i + 1}</label>
                <input id={`pref-branch-${r.key}`} value={r.branch} placeholder="develop" autoComplete="off" onChange={(e) => editRows(updateRow(rows, r.key, { branch: e.target.value }))} />
              </div>
              <button type="button" className="ghost" onClick={() => editRows(removeRow(rows, r.key))} aria-label={`Remove ${r.repository.trim() || `repository ${i + 1}`}`}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" onClick={() => editRows(addRow(rows))} disabled={!loaded}>
            Add repository
          </button>
        </fieldset>
        <ErrorText error={error} />
        <div className="actions">
          {saved && (
            <span className="hint" role="status">
              Saved.
            </span>
          )}
          <button type="submit" className="primary" disabled={!loaded || busy}>
            {busy ? "Saving…" : "Save preferences"}
          </button>
        </div>
      </form>
    </section>
  );
}
