// Personal API tokens: create with an expiry (the secret is shown once), list, revoke.
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { auth, del, get, post, describe } from "../api/client";
import type { MintedToken, TokenInfo } from "../api/types";
import { relativeTime } from "../app/format";
import { useMe } from "../app/me";
import { ErrorText } from "../app/ErrorText";
import { DEFAULT_EXPIRY_DAYS, EXPIRY_CHOICES, expiresAt, expiryLabel, tokenState } from "./tokens";

export function Tokens() {
  const me = useMe();
  const [tokens, setTokens] = useState<TokenInfo[]>([]);
  const [name, setName] = useState("");
  const [expiryDays, setExpiryDays] = useState<number | null>(DEFAULT_EXPIRY_DAYS);
  const [minted, setMinted] = useState<MintedToken | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    get<TokenInfo[]>(`/api/users/${me.id}/tokens`).then(setTokens, (e: Error) => setError(e.message));
  }, [me.id]);
  useEffect(load, [load]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      setMinted(await post<MintedToken>(`/api/users/${me.id}/tokens`, { name: name.trim(), expiresAt: expiresAt(expiryDays) }));
      setName("");
      load();
    } catch (err) {
      setError(describe(err));
    }
  };
  const revoke = async (token: TokenInfo) => {
    if (!confirm(`Revoke the token "${token.name}"? Scripts using it stop working.`)) return;
    await del(`/api/users/${me.id}/tokens/${token.id}`).catch((e: Error) => setError(e.message));
    load();
  };

  return (
    <section className="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p className="muted">For scripts, CI and the API. Each token acts as you.</p>
      <form onSubmit={create} className="row">
        <div className="field grow">
          <label htmlFor="token-name">Token name</label>
          <input id="token-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. CI on my laptop" required maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="token-expiry">Expires</label>
          <select id="token-expiry" value={expiryDays ?? "never"} onChange={(e) => setExpiryDays(e.target.value === "never" ? null : Number(e.target.value))}>
            {EXPIRY_CHOICES.map((c) => (
              <option key={c.label} value={c.days ?? "never"}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={!name.trim()}>
          Create token
        </button>
      </form>
      {minted && (
        <div className="minted" role="status">
          <p>
            Token <strong>{minted.name}</strong> — copy it now, it is not shown again:
          </p>
          <code id="minted-token">{minted.token}</code>
          <button className="ghost" onClick={() => navigator.clipboard?.writeText(minted.token)}>
            Copy
          </button>
        </div>
      )}
      <ErrorText error={error} />
      <table className="list">
        <thead>
          <tr>
            <th>Name</th>
            <th>Created</th>
            <th>Expires</th>
            <th>State</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id}>
              <td>
                {t.name}
                {t.id === auth.tokenId() && <span className="muted"> (this browser)</span>}
              </td>
              <td>{relativeTime(t.createdAt)}</td>
              <td>{expiryLabel(t)}</td>
              <td>{tokenState(t)}</td>
              <td>
                {tokenState(t) === "active" && (
                  <button className="ghost" onClick={() => revoke(t)} aria-label={`Revoke ${t.name}`}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
