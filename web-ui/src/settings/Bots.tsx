// For admins: bots' service accounts — create one (its token is shown once), rotate its token,
// disable and enable it. A service account acts only for people with an identity in its namespace.
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { describe, serviceAccounts } from "../api/client";
import type { MintedServiceAccount, ServiceAccount } from "../api/types";
import { ErrorText } from "../app/ErrorText";
import { relativeTime } from "../app/format";
import { accountState, disableQuestion, NAME_RULE, nameProblem, rotateQuestion } from "./bots";

export function Bots() {
  const [accounts, setAccounts] = useState<ServiceAccount[]>([]);
  const [name, setName] = useState("");
  const [minted, setMinted] = useState<MintedServiceAccount | null>(null);
  const [error, setError] = useState<string | null>(null);
  const problem = nameProblem(name);

  const load = useCallback(() => serviceAccounts.list().then(setAccounts, (e: unknown) => setError(describe(e))), []);
  useEffect(() => void load(), [load]);

  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(describe(err));
    }
    void load();
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    if (!name || problem) return;
    void act(async () => {
      setMinted(await serviceAccounts.create(name));
      setName("");
    });
  };
  const rotate = (account: ServiceAccount) => {
    if (confirm(rotateQuestion(account))) void act(async () => setMinted(await serviceAccounts.rotate(account.id)));
  };
  const setDisabled = (account: ServiceAccount, disabled: boolean) => {
    if (!disabled || confirm(disableQuestion(account))) void act(() => serviceAccounts.setDisabled(account.id, disabled));
  };

  return (
    <section className="card" aria-labelledby="bots-heading">
      <h2 id="bots-heading">Bots</h2>
      <p className="muted">Service accounts of bots (Slack, GitHub, Linear). A bot's token acts only for people with an identity in its namespace, never as an admin.</p>
      <table className="list">
        <thead>
          <tr>
            <th>Name</th>
            <th>Namespace</th>
            <th>Created</th>
            <th>Token rotated</th>
            <th>State</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id} data-account={a.name}>
              <td>{a.name}</td>
              <td>
                <code>{a.namespace}</code>
              </td>
              <td>{relativeTime(a.createdAt)}</td>
              <td>{a.rotatedAt ? relativeTime(a.rotatedAt) : "never"}</td>
              <td>{accountState(a)}</td>
              <td className="actions-cell">
                <button className="ghost" onClick={() => rotate(a)} aria-label={`Rotate token of ${a.name}`}>
                  Rotate token
                </button>
                <button className="ghost" onClick={() => setDisabled(a, !a.disabledAt)} aria-label={`${a.disabledAt ? "Enable" : "Disable"} ${a.name}`}>
                  {a.disabledAt ? "Enable" : "Disable"}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={create} className="row" aria-label="Add a service account">
        <div className="field grow">
          <label htmlFor="service-account-name">Name</label>
          <input
            id="service-account-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. slack"
            maxLength={31}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={problem ? true : undefined}
            aria-describedby="service-account-rule"
          />
        </div>
        <button type="submit" disabled={!name || problem !== null}>
          Add service account
        </button>
      </form>
      <p id="service-account-rule" className={problem ? "hint error" : "hint"}>
        {problem ?? `The name is also its namespace: ${NAME_RULE}`}
      </p>
      {minted && (
        <div className="minted" role="status">
          <p>
            Token of <strong>{minted.name}</strong> — copy it now, it will not be shown again:
          </p>
          <code id="minted-service-token">{minted.token}</code>
          <button className="ghost" onClick={() => navigator.clipboard?.writeText(minted.token)}>
            Copy
          </button>
        </div>
      )}
      <ErrorText error={error} />
    </section>
  );
}
