// A small history router: the control plane serves index.html for these paths, so links can be shared.
import { useEffect, useState } from "react";

export type Route =
  | { page: "home" }
  | { page: "session"; id: string }
  | { page: "settings" }
  | { page: "usage" }
  | { page: "signin" }
  | { page: "missing" };

export function parse(pathname: string): Route {
  if (pathname === "/" || pathname === "") return { page: "home" };
  const session = /^\/sessions\/([0-9a-f-]{36})\/?$/i.exec(pathname);
  if (session) return { page: "session", id: session[1].toLowerCase() };
  if (pathname === "/settings") return { page: "settings" };
  if (pathname === "/usage") return { page: "usage" };
  if (pathname === "/signin") return { page: "signin" };
  return { page: "missing" };
}

const listeners = new Set<() => void>();

export function navigate(path: string, replace = false) {
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  listeners.forEach((l) => l());
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parse(location.pathname));
    listeners.add(update);
    window.addEventListener("popstate", update);
    return () => {
      listeners.delete(update);
      window.removeEventListener("popstate", update);
    };
  }, []);
  return route;
}

/** An anchor that navigates without a page load (and still opens in a new tab with a modifier). */
export function linkHandler(path: string) {
  return (e: React.MouseEvent) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(path);
  };
}
