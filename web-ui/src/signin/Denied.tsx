// Where a refused GitHub sign-in ends: says why, in words, and offers the way back.

export function Denied({ reason }: { reason: string | null }) {
  return (
    <main className="signin" id="main">
      <h1>Access denied</h1>
      <p role="alert">{reason ?? "Your account may not use this CodInspect deployment."}</p>
      <p className="muted">Ask an administrator to add your GitHub login, organisation or email domain to the allowlist.</p>
      <a className="button" href="/signin">
        Back to sign in
      </a>
    </main>
  );
}
