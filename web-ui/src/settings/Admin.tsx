// For admins: the people who may use this deployment (add, disable, enable) and the model catalog as configured.
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { get, post, describe } from "../api/client";
import type { Model, User } from "../api/types";
import { ErrorText } from "../app/ErrorText";
import { useMe } from "../app/me";

export function Users() {
  const me = useMe();
  const [users, setUsers] = useState<User[]>([]);
  const [name, setName] = useState("");
  const [login, setLogin] = useState("");
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => get<User[]>("/api/users").then(setUsers, (e: Error) => setError(e.message)), []);
  useEffect(() => void load(), [load]);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await post("/api/users", { name: name.trim(), login: login.trim() || undefined, email: email.trim() || undefined });
      setName("");
      setLogin("");
      setEmail("");
      void load();
    } catch (err) {
      setError(describe(err));
    }
  };

  const setDisabled = async (user: User, disabled: boolean) => {
    if (disabled && !confirm(`Disable ${user.name}? Their tokens stop working and their open sessions disconnect.`)) return;
    setError(null);
    try {
      await post(`/api/users/${user.id}/${disabled ? "disable" : "enable"}`);
      void load();
    } catch (err) {
      setError(describe(err));
    }
  };

  return (
    <section className="card" aria-labelledby="users-heading">
      <h2 id="users-heading">Users</h2>
      <table className="list">
        <thead>
          <tr>
            <th>Name</th>
            <th>Login</th>
            <th>Email</th>
            <th>Role</th>
            <th>State</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.login ?? "—"}</td>
              <td>{u.email ?? "—"}</td>
              <td>{u.role}</td>
              <td>{u.disabledAt ? "disabled" : "enabled"}</td>
              <td>
                {u.id !== me.id && (
                  <button className="ghost" onClick={() => setDisabled(u, !u.disabledAt)} aria-label={`${u.disabledAt ? "Enable" : "Disable"} ${u.name}`}>
                    {u.disabledAt ? "Enable" : "Disable"}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={add} className="row" aria-label="Add a user">
        <div className="field grow">
          <label htmlFor="user-name">Name</label>
          <input id="user-name" value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="user-login">Login</label>
          <input id="user-login" value={login} onChange={(e) => setLogin(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="user-email">Email</label>
          <input id="user-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <button type="submit" disabled={!name.trim()}>
          Add user
        </button>
      </form>
      <ErrorText error={error} />
    </section>
  );
}

export function Models() {
  const [models, setModels] = useState<Model[]>([]);
  useEffect(() => void get<Model[]>("/api/models").then(setModels, () => setModels([])), []);
  return (
    <section className="card" aria-labelledby="models-heading">
      <h2 id="models-heading">Model catalog</h2>
      <p className="muted">Configured under <code>codinspect.models</code>; keys are never shown.</p>
      <table className="list">
        <thead>
          <tr>
            <th>Model</th>
            <th>Provider</th>
            <th>Default</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.id}>
              <td>
                <code>{m.id}</code>
              </td>
              <td>{m.providerName}</td>
              <td>{m.isDefault ? "yes" : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
