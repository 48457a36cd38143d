// Small formatting helpers shared by the pages.

export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 30) return `${days} d ago`;
  return new Date(iso).toLocaleDateString();
}

export function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const cents = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A token count: "1,234" up to 10k, then "12.3k" and "4.5M". */
export function tokens(n: number): string {
  if (n >= 999_950) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 10_000) return `${(n / 1000).toFixed(1)}k`;
  return whole.format(n);
}

/** USD: "$12.34" from a dollar up; below, up to four decimals ("$0.0123", "$0.42"); "<$0.0001" for less. */
export function money(n: number): string {
  if (n === 0) return "$0.00";
  if (n < 0) return `-${money(-n)}`;
  if (n < 0.0001) return "<$0.0001";
  const fixed = n.toFixed(4);
  if (fixed.startsWith("0.")) return `$0.${fixed.slice(2).replace(/0+$/, "").padEnd(2, "0")}`;
  return `$${cents.format(n)}`;
}

/** "owner/name" for GitHub clone URLs, the last path segments otherwise; "" for none (a session awaiting its repository). */
export function repoLabel(repository: string | null): string {
  if (!repository) return "";
  const github = /github[^/]*\/(?:.*\/)?([^/]+\/[^/]+?)(?:\.git)?$/.exec(repository);
  if (github) return github[1];
  const parts = repository.replace(/\.git$/, "").split(/[/:]/).filter(Boolean);
  return parts.slice(-2).join("/");
}

export const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
export const modKey = isMac ? "⌘" : "Ctrl";
