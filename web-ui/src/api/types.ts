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

/** `awaiting_repository`: a bot started it without one; its first prompt is held until someone picks it. */
export type SessionStatus = "awaiting_repository" | "created" | "running" | "idle" | "archived";

export interface Session {
  id: string;
  status: SessionStatus;
  /** Null while the session is `awaiting_repository`. */
  repository: string | null;
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
  /** The unique key a bot gave it (a Slack thread); null if none. */
  externalKey: string | null;
  /** The bot (service account) that created it for its person; null if none. */
  createdVia: string | null;
  /** Where people see it in the web UI. */
  webUrl: string | null;
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

/** Where a prompt came from; people's own prompts are `web` or `api`, a bot's get its namespace. */
export type PromptSource = "web" | "api" | "slack" | "github" | "linear" | "webhook" | "automation" | "agent";

/** Context given beside a prompt's words (a thread's earlier messages); untrusted blocks are attacker-controlled text. */
export interface ContextBlock {
  title: string;
  content: string;
  trusted: boolean;
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
  source: PromptSource;
  /** An http(s) link back to where it came from (a Slack permalink); null when none. */
  sourceUrl: string | null;
  context: ContextBlock[];
  /** The bot that sent it for its author; null if none. */
  createdVia: string | null;
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

/** A bot's service account (admins only); its token acts only for people with an identity in its namespace. */
export interface ServiceAccount {
  id: string;
  name: string;
  namespace: string;
  createdAt: string;
  /** When its token was last replaced; null if never. */
  rotatedAt: string | null;
  disabledAt: string | null;
}

/** A service account as created or rotated: with its token, shown this once. */
export interface MintedServiceAccount extends ServiceAccount {
  token: string;
}

/** `GET /api/me/preferences`: a person's defaults for new sessions; null means the deployment's (or model's) default. */
export interface Preferences {
  model: string | null;
  reasoningEffort: string | null;
  /** The base branch per repository (`owner/name`, or as the repository is given), instead of `main`. */
  baseBranches: Record<string, string>;
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
