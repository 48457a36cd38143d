// What the Bots section checks before asking the server, and what its table says; pure, so it is tested.
import type { ServiceAccount } from "../api/types";

/** The server's rule for a service account's name (docs/bots.md), which is also its namespace. */
const NAME = /^[a-z][a-z0-9-]{1,30}$/;

export const NAME_RULE = "2 to 31 characters: a lowercase letter first, then lowercase letters, digits or hyphens (e.g. slack).";

/** Why a name cannot be a service account's, or null when it can; blank is not an error yet (nothing typed). */
export function nameProblem(name: string): string | null {
  if (name === "") return null;
  return NAME.test(name) ? null : `Use ${NAME_RULE}`;
}

export function accountState(account: ServiceAccount): "enabled" | "disabled" {
  return account.disabledAt ? "disabled" : "enabled";
}

export const rotateQuestion = (account: ServiceAccount) =>
  `Rotate the token of "${account.name}"? Its current token stops working at once; the bot needs the new one.`;

export const disableQuestion = (account: ServiceAccount) =>
  `Disable "${account.name}"? It can no longer act for anyone until it is enabled again.`;
