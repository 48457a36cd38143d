// The REST client: bearer token from this browser's storage, RFC 9457 problems as ApiError.
import type { MintedServiceAccount, Page, Preferences, ServiceAccount, Session, SessionUsage, UsageGroupBy, UsageLimits, UsageReport } from "./types";

const TOKEN_KEY = "codinspect.token";
const TOKEN_ID_KEY = "codinspect.tokenId";
const TIMEOUT_MS = 20_000;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail || title);
  }
}

export const auth = {
  token: (): string | null => localStorage.getItem(TOKEN_KEY),
  tokenId: (): string | null => localStorage.getItem(TOKEN_ID_KEY),
  set(token: string, tokenId?: string) {
    localStorage.setItem(TOKEN_KEY, token);
    if (tokenId) localStorage.setItem(TOKEN_ID_KEY, tokenId);
    else localStorage.removeItem(TOKEN_ID_KEY);
  },
  clear() {
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(TOKEN_ID_KEY);
  },
};

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when the API says the token is no longer good (revoked, expired, unknown). */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const token = auth.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new ApiError(0, "Offline", "The server could not be reached. Check your connection and try again.");
  }
  if (response.status === 401 && token) unauthorizedListeners.forEach((l) => l());
  if (!response.ok) {
    let problem: { title?: string; detail?: string } = {};
    try {
      problem = await response.json();
    } catch {
      // not a problem document; keep the status line
    }
    throw new ApiError(response.status, problem.title ?? response.statusText, problem.detail ?? "");
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const get = <T>(path: string) => api<T>("GET", path);
export const post = <T>(path: string, body?: unknown) => api<T>("POST", path, body ?? {});
export const patch = <T>(path: string, body: unknown) => api<T>("PATCH", path, body);
export const put = <T>(path: string, body: unknown) => api<T>("PUT", path, body);
export const del = (path: string) => api<void>("DELETE", path);

export function listSessions(params: { mine: boolean; q: string; page?: number; size?: number }) {
  const query = new URLSearchParams({ page: String(params.page ?? 0), size: String(params.size ?? 30) });
  if (params.mine) query.set("createdBy", "me");
  if (params.q.trim()) query.set("q", params.q.trim());
  return get<Page<Session>>(`/api/sessions?${query}`);
}

/** Metered model usage over inclusive UTC days ("2026-12-01"), grouped one way. */
export function getUsage(params: { from: string; to: string; groupBy: UsageGroupBy }) {
  return get<UsageReport>(`/api/usage?${new URLSearchParams(params)}`);
}

export const getSessionUsage = (sessionId: string) => get<SessionUsage>(`/api/sessions/${sessionId}/usage`);

/** Admins only. */
export const getUsageLimits = () => get<UsageLimits>("/api/usage/limits");

/** Names the repository (and optionally the base branch) of a session `awaiting_repository`, releasing its held prompt. */
export const chooseRepository = (sessionId: string, repository: string, baseBranch?: string) =>
  patch<Session>(`/api/sessions/${sessionId}`, { repository, baseBranch: baseBranch || undefined });

export const getPreferences = () => get<Preferences>("/api/me/preferences");
/** 400 problem for a model the catalog does not list or a malformed branch. */
export const putPreferences = (preferences: Preferences) => put<Preferences>("/api/me/preferences", preferences);

/** Admins only: bots' service accounts. */
export const serviceAccounts = {
  list: () => get<ServiceAccount[]>("/api/service-accounts"),
  /** 400 for a name not `[a-z][a-z0-9-]{1,30}`, 409 when it exists; the token is in this answer only. */
  create: (name: string) => post<MintedServiceAccount>("/api/service-accounts", { name }),
  /** A new token, in this answer only; the old one stops working. */
  rotate: (id: string) => post<MintedServiceAccount>(`/api/service-accounts/${id}/token`),
  setDisabled: (id: string, disabled: boolean) => post<ServiceAccount>(`/api/service-accounts/${id}/${disabled ? "disable" : "enable"}`),
};

/** What went wrong, in words for the page: the problem's title and detail, or the error's message. */
export function describe(error: unknown): string {
  if (error instanceof ApiError) return error.detail ? `${error.title}: ${error.detail}` : error.title;
  return error instanceof Error ? error.message : String(error);
}
