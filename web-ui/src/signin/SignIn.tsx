// Sign in with GitHub when the deployment has it, or with an API token (the bootstrap admin's
// token, or one an admin minted) for deployments without GitHub.
import { type FormEvent, useEffect, useState } from "react";
import { ApiError, auth, describe, get } from "../api/client";
import type { SignInOptions, User } from "../api/types";
import { navigate } from "../app/router";
import { ErrorText } from "../app/ErrorText";

export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [options, setOptions] = useState<SignInOptions | null>(null);
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get<SignInOptions>("/api/sign-in-options")
      .then(setOptions)
      .catch(() => setOptions({ github: false }));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    auth.set(token.trim());
    try {
      await get<User>("/api/me");
      if (location.pathname === "/signin") navigate("/", true);
      onSignedIn();
    } catch (err) {
      auth.clear();
      setError(err instanceof ApiError && err.status === 401 ? "That token is not valid (unknown, revoked or mistyped)." : describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin" id="main">
      <h1>
        <img src="/favicon.svg" alt="" width={32} height={32} /> CodInspect
      </h1>
      <p className="muted">Background coding agents for your team, on your own infrastructure.</p>
      {options?.github && (
        <a className="button primary wide" href="/oauth2/authorization/github" id="github-sign-in">
          Sign in with GitHub
        </a>
      )}
      <form onSubmit={submit} className="card" aria-label="Sign in with an API token">
        <label htmlFor="token">API token</label>
        <input
          id="token"
          type="password"
          autoComplete="off"
          placeholder="cit_…"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          required
        />
        <p className="hint">
          The first start prints an admin token; admins mint tokens for others under Settings.
        </p>
        <ErrorText error={error} />
        <button type="submit" disabled={busy || !token.trim()}>
          Sign in with token
        </button>
      </form>
    </main>
  );
}
