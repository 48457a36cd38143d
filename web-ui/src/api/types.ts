// Wire types of the public REST and WebSocket APIs (docs/api.md, docs/websocket-protocol.md).

export type Role = "admin" | "user";

export interface User {
  id: string;
  name: string;
  email: string | null;
  login: string | null;
  role: Role;
  createdAt: string;
  /** When an admin disabled them; null while enabled. */
  disabledAt: string | null;
}

export type SessionStatus = "created" | "running" | "idle" | "archived";

export interface Session {
  id: string;
  status: SessionStatus;
  repository: string;
  baseBranch: string;
  branch: string;
  title: string | null;
  model: string | null;
  reasoningEffort: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string;
  lastSeq: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  totalItems: number;
  totalPages: number;
}

export type PromptStatus = "queued" | "running" | "completed" | "failed" | "cancelled";

export interface Author {
  id: string;
  name: string;
  login: string | null;
  email: string | null;
}

export interface Prompt {
  id: string;
  status: PromptStatus;
  position: number | null;
  content: string;
  author: Author;
  model: string | null;
  reasoningEffort: string | null;
  error: string | null;
  /** Why a queued prompt has not started yet (capacity, budget); null or absent when nothing holds it. */
  waiting?: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface Model {
  id: string;
  provider: string;
  providerName: string;
  model: string;
  isDefault: boolean;
}

export interface Repo {
  fullName: string;
  owner: string;
  name: string;
  isPrivate: boolean;
  defaultBranch: string;
}

export interface Branch {
  name: string;
  sha: string;
}

export interface TokenInfo {
  id: string;
  name: string;
  createdAt: string;
  /** Null for a token that never expires. */
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface MintedToken {
  id: string;
  userId: string;
  name: string;
  token: string;
  createdAt: string;
  expiresAt: string | null;
}

export interface PullRequest {
  number: number;
  url: string;
  state: string;
  branch: string;
  openedBy: string;
}

export interface SignInOptions {
  github: boolean;
}

/**
 * Model calls metered by the gateway. Amounts are USD. `costUsd` covers the calls whose price is
 * known and is null when none was priced; `unpricedCalls` counts calls of models without a price.
 */
export interface Usage {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costUsd: number | null;
  unpricedCalls: number;
}

export type UsageGroupBy = "day" | "user" | "repository" | "model";

/** Usage of one day ("2026-12-01"), user (key: id, label: name), repository ("acme/widgets") or model. */
export interface UsageGroup extends Usage {
  key: string;
  label: string;
}

/** `GET /api/usage`: from and to are inclusive UTC days; day groups list only days with calls. */
export interface UsageReport {
  from: string;
  to: string;
  groupBy: UsageGroupBy;
  total: Usage;
  groups: UsageGroup[];
}

export interface SessionUsage {
  sessionId: string;
  total: Usage;
  prompts: (Usage & { promptId: string })[];
  models: UsageGroup[];
}

/** `GET /api/usage/limits` (admins): each limit with what counts against it; a null limit is not configured. */
export interface UsageLimits {
  sessionCostUsd: { limit: number | null };
  /** `users`: what each user spent today (UTC). */
  userDailyCostUsd: { limit: number | null; users: { userId: string; label: string; spentUsd: number }[] };
  /** `month`: "2026-12". */
  monthlyBudgetUsd: { limit: number | null; spentUsd: number; month: string };
  runningPrompts: { limit: number | null; running: number; waiting: number };
}

/** A stored timeline event: seq, type, createdAt and the kind's own fields. */
export interface StoredEvent {
  seq: number;
  type: string;
  createdAt: string;
  promptId?: string | null;
  [field: string]: unknown;
}

export interface Watcher {
  userId: string;
  name: string;
  login: string | null;
  since: string;
  state: "active" | "idle";
}

export type ServerMessage =
  | { type: "event"; event: StoredEvent }
  | { type: "delta"; promptId: string; partId: string; kind: "text" | "reasoning"; text: string }
  | { type: "replay.done"; lastSeq: number }
  | { type: "presence"; watchers: Watcher[] }
  | { type: "prompt.accepted"; prompt: Prompt }
  | { type: "error"; status: number; title: string; detail: string }
  | { type: "pong" }
  | { type: "batch"; messages: ServerMessage[] };
