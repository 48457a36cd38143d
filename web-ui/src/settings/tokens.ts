// What the token list shows and what a new token's expiry choice means; pure, so it is tested.
import type { TokenInfo } from "../api/types";

/** Expiry choices for a new token, in days; null never expires (the server allows up to 366 days). */
export const EXPIRY_CHOICES: { label: string; days: number | null }[] = [
  { label: "7 days", days: 7 },
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
  { label: "Never", days: null },
];

export const DEFAULT_EXPIRY_DAYS = 90;

/** The `expiresAt` to send for a choice of days, or undefined for a token that never expires. */
export function expiresAt(days: number | null, now = Date.now()): string | undefined {
  return days === null ? undefined : new Date(now + days * 86_400_000).toISOString();
}

export type TokenState = "active" | "expired" | "revoked";

export function tokenState(token: TokenInfo, now = Date.now()): TokenState {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return "expired";
  return "active";
}

/** When a token expires, as a date, or "never". */
export function expiryLabel(token: TokenInfo): string {
  return token.expiresAt ? new Date(token.expiresAt).toLocaleDateString() : "never";
}
