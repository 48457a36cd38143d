// For a session a bot started before anyone said which repository: choose it (and the base branch),
// which releases the prompt it holds.
import { type FormEvent, useState } from "react";
import { chooseRepository, describe } from "../api/client";
import type { Preferences, Session } from "../api/types";
import { ErrorText } from "../app/ErrorText";
import { baseBranchToSend, branchOverride } from "../home/defaults";
import { RepositoryField, useRepos } from "../home/RepositoryField";

interface Props {
  session: Session;
  preferences: Preferences;
  onChosen: (session: Session) => void;
}

export function RepositoryPicker({ session, preferences, onChosen }: Props) {
  const repos = useRepos();
  const [repository, setRepository] = useState("");
  const [branch, setBranch] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const github = repos?.find((r) => r.fullName === repository.trim()) ?? null;

  const choose = async (e: FormEvent) => {
    e.preventDefault();
    const chosen = repository.trim();
    if (!chosen || busy) return;
    setBusy(true);
    setError(null);
    try {
      onChosen(await chooseRepository(session.id, chosen, baseBranchToSend(branch, chosen, preferences, github?.defaultBranch ?? null)));
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="repository-picker" onSubmit={choose} aria-label="Choose the repository">
      <p className="hint">This session waits for a repository; its first prompt starts once one is chosen.</p>
      <div className="row">
        <RepositoryField id="session-repository" repos={repos} value={repository} onChange={setRepository} required />
        <div className="field">
          <label htmlFor="session-base-branch">Base branch</label>
          <input
            id="session-base-branch"
            value={branch}
            placeholder={branchOverride(repository, preferences) ?? github?.defaultBranch ?? "main"}
            onChange={(e) => setBranch(e.target.value)}
            autoComplete="off"
          />
        </div>
        <button type="submit" className="primary" disabled={busy || !repository.trim()}>
          {busy ? "Choosing…" : "Use this repository"}
        </button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}
