/**
 * Help → Copy Diagnostics: what a person can paste into a support request. Versions, where
 * the data and logs are, and the state of each link — never a token, a server address's
 * credentials or any account's contents.
 */
import type { NodeStatus } from "../../shared/api";

export interface DiagnosticsInput {
  appVersion: string;
  versions: { electron?: string; chrome?: string; node?: string };
  platform: string;
  arch: string;
  dataDir: string;
  logsDir: string;
  status: NodeStatus | null;
}

/** A URL with its user, password, query and fragment removed (a token can hide in any of them). */
export function withoutSecrets(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === "/" ? "" : u.pathname}`;
  } catch {
    return "(not a valid address)";
  }
}

export function diagnosticsText(d: DiagnosticsInput): string {
  const s = d.status;
  const lines = [
    `Baton ${d.appVersion}`,
    `Electron ${d.versions.electron ?? "?"}, Chromium ${d.versions.chrome ?? "?"}, Node ${d.versions.node ?? "?"}`,
    `System: ${d.platform} ${d.arch}`,
    `Data folder: ${d.dataDir}`,
    `Logs folder: ${d.logsDir}`,
  ];
  if (!s) {
    lines.push("Sync node: not running");
    return lines.join("\n");
  }
  lines.push(`Profile: ${s.profile ? `set (${s.profile.role})` : "not set"}`);
  lines.push(`Team sync server: ${s.server ? withoutSecrets(s.server.url) : "none"}`);
  if (s.hosting) lines.push(`Hosting a meeting: ${s.hosting.guests.length} guest(s), ${s.hosting.advertised ? "announced nearby" : "not announced nearby"}`);
  if (s.joined) lines.push("In a meeting another laptop hosts");
  if (s.links.length === 0) lines.push("Links: none");
  for (const l of s.links) lines.push(`Link (${l.kind}): ${l.state}${l.synced ? ", in sync" : ""}${l.problem ? ` — ${l.problem}` : ""}`);
  const damaged = s.damaged.filter((x) => !x.restored).length;
  lines.push(`Damaged accounts: ${damaged}${s.damaged.length > damaged ? ` (${s.damaged.length - damaged} restored)` : ""}`);
  return lines.join("\n");
}
