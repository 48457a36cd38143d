// The shell: who is signed in, the header, the command palette and the page for the current route.
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { ApiError, auth, del, get, onUnauthorized } from "../api/client";
import type { User } from "../api/types";
import { Home } from "../home/Home";
import { CommandPalette } from "../palette/CommandPalette";
import { SignIn } from "../signin/SignIn";
import { Avatar } from "./Avatar";
import { modKey } from "./format";
import { MeContext } from "./me";
import { linkHandler, navigate, useRoute } from "./router";

const SessionPage = lazy(() => import("../session/SessionPage"));
const Settings = lazy(() => import("../settings/Settings"));
const UsagePage = lazy(() => import("../usage/UsagePage"));

type Who = { state: "loading" } | { state: "signed-out" } | { state: "signed-in"; me: User } | { state: "error"; message: string };

export function App() {
  const route = useRoute();
  const [who, setWho] = useState<Who>(() => (auth.token() ? { state: "loading" } : { state: "signed-out" }));
  const [palette, setPalette] = useState(false);

  const load = useCallback(() => {
    if (!auth.token()) return setWho({ state: "signed-out" });
    setWho({ state: "loading" });
    get<User>("/api/me")
      .then((me) => setWho({ state: "signed-in", me }))
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) {
          auth.clear();
          setWho({ state: "signed-out" });
        } else setWho({ state: "error", message: e instanceof Error ? e.message : String(e) });
      });
  }, []);

  useEffect(load, [load]);
  useEffect(
    () =>
      onUnauthorized(() => {
        auth.clear();
        setWho({ state: "signed-out" });
      }),
    [],
  );
  useEffect(() => {
    const keys = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setPalette((open) => !open);
      }
    };
    window.addEventListener("keydown", keys);
    return () => window.removeEventListener("keydown", keys);
  }, []);

  if (who.state === "signed-out" || route.page === "signin")
    return who.state === "signed-in" && route.page === "signin" ? <Redirect to="/" /> : <SignIn onSignedIn={load} />;
  if (who.state === "loading") return <p className="centered" role="status">Loading…</p>;
  if (who.state === "error")
    return (
      <div className="centered" role="alert">
        <p>CodInspect could not be reached: {who.message}</p>
        <button onClick={load}>Try again</button>
      </div>
    );

  const signOut = async () => {
    const tokenId = auth.tokenId();
    if (tokenId) await del(`/api/users/${who.me.id}/tokens/${tokenId}`).catch(() => undefined);
    auth.clear();
    setWho({ state: "signed-out" });
    navigate("/signin", true);
  };

  return (
    <MeContext.Provider value={who.me}>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <a href="/" onClick={linkHandler("/")} className="brand">
          <img src="/favicon.svg" alt="" width={22} height={22} /> CodInspect
        </a>
        <nav aria-label="Main">
          <a href="/" onClick={linkHandler("/")} aria-current={route.page === "home" ? "page" : undefined}>
            New session
          </a>
          <button className="ghost" onClick={() => setPalette(true)} aria-keyshortcuts="Control+K Meta+K">
            Jump to… <kbd>{modKey}+K</kbd>
          </button>
          <a href="/usage" onClick={linkHandler("/usage")} aria-current={route.page === "usage" ? "page" : undefined}>
            Usage
          </a>
          <a href="/settings" onClick={linkHandler("/settings")} aria-current={route.page === "settings" ? "page" : undefined}>
            Settings
          </a>
        </nav>
        <div className="me">
          <Avatar id={who.me.id} name={who.me.name} />
          <span className="me-name">{who.me.name}</span>
          <button className="ghost" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main">
        <Suspense fallback={<p role="status">Loading…</p>}>
          {route.page === "home" && <Home />}
          {route.page === "session" && <SessionPage key={route.id} id={route.id} />}
          {route.page === "settings" && <Settings />}
          {route.page === "usage" && <UsagePage />}
          {route.page === "missing" && (
            <div className="centered">
              <h1>Not found</h1>
              <p>
                There is no page here. <a href="/" onClick={linkHandler("/")}>Go home</a>
              </p>
            </div>
          )}
        </Suspense>
      </main>
      {palette && <CommandPalette onClose={() => setPalette(false)} />}
    </MeContext.Provider>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, true), [to]);
  return null;
}
