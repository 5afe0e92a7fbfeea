/**
 * Join codes for a meeting on the LAN. A code names the host's address and port and
 * carries the meeting's secret, so the joiner needs nothing else (no internet, no
 * server): e.g. `192.168.1.20:41873-K7M2-P9QX-3HVA-TW8E`.
 */
const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; // no 0/O, 1/I: read aloud safely

export interface MeetingCode {
  host: string;
  port: number;
  secret: string;
}

/** A fresh meeting secret: 20 characters from a 32-letter alphabet (100 bits). */
export function newMeetingSecret(random: (n: number) => Uint8Array = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n))): string {
  const bytes = random(20);
  let s = "";
  for (const b of bytes) s += ALPHABET[b % 32];
  return s;
}

export function formatMeetingCode({ host, port, secret }: MeetingCode): string {
  const groups = secret.match(/.{1,4}/g) ?? [secret];
  return `${host}:${port}-${groups.join("-")}`;
}

/** Read a join code as typed or pasted; null when it cannot be one. */
export function parseMeetingCode(input: string): MeetingCode | null {
  const text = input.trim().toUpperCase().replace(/\s+/g, "");
  const m = /^(\d{1,3}(?:\.\d{1,3}){3}|LOCALHOST):(\d{1,5})-([2-9A-Z-]+)$/.exec(text);
  if (!m) return null;
  const host = m[1] === "LOCALHOST" ? "127.0.0.1" : m[1]!;
  const octets = host.split(".").map(Number);
  if (octets.some((o) => o > 255)) return null;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return null;
  const secret = m[3]!.replace(/-/g, "");
  if (secret.length !== 20 || [...secret].some((ch) => !ALPHABET.includes(ch))) return null;
  // Written back without leading zeros: a URL reads "010" as octal (8).
  return { host: octets.join("."), port, secret };
}
