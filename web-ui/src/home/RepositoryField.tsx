// Choosing a repository: the GitHub repositories the App reaches (from /api/repos) as suggestions,
// or any git URL typed. Used by the composer and by a session that waits for its repository.
import { useEffect, useState } from "react";
import { get } from "../api/client";
import type { Repo } from "../api/types";

/** The repositories to suggest; null while loading, empty when none (or GitHub is not set up). */
export function useRepos(): Repo[] | null {
  const [repos, setRepos] = useState<Repo[] | null>(null);
  useEffect(() => void get<Repo[]>("/api/repos").then(setRepos, () => setRepos([])), []);
  return repos;
}

interface Props {
  id: string;
  repos: Repo[] | null;
  value: string;
  onChange: (value: string) => void;
  label?: string;
  required?: boolean;
}

export function RepositoryField({ id, repos, value, onChange, label = "Repository", required }: Props) {
  return (
    <div className="field grow">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        list={`${id}-options`}
        placeholder={repos?.length ? "Search repositories or paste a git URL" : "owner/name, git URL or local path"}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        required={required}
      />
      <datalist id={`${id}-options`}>
        {repos?.map((r) => (
          <option key={r.fullName} value={r.fullName}>
            {r.isPrivate ? "private" : "public"}
          </option>
        ))}
      </datalist>
    </div>
  );
}
