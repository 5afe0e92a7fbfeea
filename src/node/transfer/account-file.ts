/**
 * The account file: one or more accounts with their whole history, in a zip a person can
 * open anywhere. Why a zip: it is one file to keep, mail or put on a drive; every system
 * opens it, so the readable JSON beside each document can be read without Baton; and its
 * directory at the end makes a cut-short file fail to open instead of reading as fewer
 * accounts. Inside:
 *
 *   baton-accounts.json          what the file holds: format, versions, and per account
 *                                its id, name, schema version, size and SHA-256
 *   accounts/<id>.automerge      the Automerge document with its full history (Automerge.save,
 *                                or its stored chunks one after another: Automerge.load reads both)
 *   accounts/<id>.json           the account as readable JSON (as checked, damaged items left out)
 *
 * Reading checks the manifest and each document's size and hash (openAccountFile), then
 * that each loads as an Automerge account (loadAccountEntry); one bad account refuses the
 * whole file, so nothing is half-imported.
 */
import { createHash } from "node:crypto";
import * as A from "@automerge/automerge";
import { isValidDocumentId } from "@automerge/automerge-repo";
import { strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { z } from "zod";
import { isImmutableString } from "@automerge/automerge/slim";
import { checkAccount } from "../../../shared/account/check";
import type { AccountDoc } from "../../../shared/account/schema";
import { SCHEMA_VERSION, SCHEMA_VERSION_MAX } from "../../../shared/account/values";
import { versionOf } from "../../../shared/account/migrations";
import { read } from "../../../shared/account/fixed";
import { headerOf, type OwnerView } from "../../../shared/queries/account-view";
import { ApiFailure } from "../api/api-failure";

export const ACCOUNT_FILE_FORMAT = "baton-accounts";
export const ACCOUNT_FILE_VERSION = 1;
const MANIFEST = "baton-accounts.json";

const manifestSchema = z.object({
  format: z.literal(ACCOUNT_FILE_FORMAT),
  formatVersion: z.number().int().min(1),
  exportedAt: z.string().max(40),
  schemaVersion: z.number().int(),
  accounts: z
    .array(
      z.object({
        documentId: z.string().refine((id) => isValidDocumentId(id)),
        name: z.string().max(1_000),
        schemaVersion: z.number().int(),
        document: z.string().max(300),
        readable: z.string().max(300),
        bytes: z.number().int().min(0),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .max(100_000),
});

/** One account going into a file. */
export interface AccountEntry {
  documentId: string;
  /** The document with its history. */
  doc: A.Doc<AccountDoc>;
}

/** One account read from a file, checked. */
export interface AccountFromFile {
  documentId: string;
  name: string;
  schemaVersion: number;
  /** The document's saved bytes, as in the file. */
  binary: Uint8Array;
  doc: A.Doc<AccountDoc>;
}

/**
 * What goes in the file for one account: its saved history (`saved`: the document's stored
 * chunks as they are, which `A.load` reads whole; else it is saved now) and its readable JSON.
 */
export function accountFileParts(documentId: string, doc: A.Doc<AccountDoc>, saved?: Uint8Array): { binary: Uint8Array; readable: Uint8Array; name: string; schemaVersion: number } {
  const binary = saved ?? A.save(doc);
  const account = checkAccount(doc).account;
  // Fields never written yet (records/account.ts `unwritten`) are written out as none, so every file has the same keys.
  const header = headerOf(account);
  const copy = readableCopy(account) as Record<string, unknown>;
  const owner = (key: "rep" | "deliveryLead", o: OwnerView | null) => (o ? { ...(copy[key] as object), phone: o.phone, email: o.email } : null);
  const readable = strToU8(
    JSON.stringify({ documentId, name: copy.name, domain: header.domain, phone: header.phone, ...copy, rep: owner("rep", header.rep), deliveryLead: owner("deliveryLead", header.deliveryLead) }, null, 2) + "\n",
  );
  return { binary, readable, name: read(account.name), schemaVersion: versionOf(doc) };
}

/** The zip of a set of accounts (parts from `accountFileParts`). */
export function writeAccountFile(parts: { documentId: string; binary: Uint8Array; readable: Uint8Array; name: string; schemaVersion: number }[]): Uint8Array {
  const files: Zippable = {};
  const accounts = parts.map((p) => {
    const document = `accounts/${p.documentId}.automerge`;
    const readable = `accounts/${p.documentId}.json`;
    // Automerge's format is compressed already; the JSON is not. Level 1: most of level 6's
    // saving (repetitive keys) at a third of its time, which was a fifth of an export's.
    files[document] = [p.binary, { level: 0 }];
    files[readable] = [p.readable, { level: 1 }];
    return { documentId: p.documentId, name: p.name, schemaVersion: p.schemaVersion, document, readable, bytes: p.binary.byteLength, sha256: sha256(p.binary) };
  });
  const manifest = { format: ACCOUNT_FILE_FORMAT, formatVersion: ACCOUNT_FILE_VERSION, exportedAt: new Date().toISOString(), schemaVersion: SCHEMA_VERSION, accounts };
  files[MANIFEST] = [strToU8(JSON.stringify(manifest, null, 2) + "\n"), { level: 6 }];
  return zipSync(files);
}

const DAMAGED = "That file is damaged or cut short: it is not a whole Baton account file. Nothing was imported. Export the account again, or use another copy.";

/** One account of an account file whose bytes match the manifest (size, SHA-256), not loaded yet. */
export interface AccountFileEntry {
  documentId: string;
  /** Its name as the manifest gives it. */
  name: string;
  binary: Uint8Array;
}

/**
 * Open an account file and check every part against its manifest (cheap: no document is
 * loaded); refuses the whole file when any part is missing, cut short or altered.
 */
export function openAccountFile(bytes: Uint8Array): AccountFileEntry[] {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new ApiFailure(422, "That is not a Baton account file (they are .zip files Baton exported). Nothing was imported.");
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw new ApiFailure(422, DAMAGED);
  }
  const manifestBytes = files[MANIFEST];
  if (!manifestBytes) throw new ApiFailure(422, "That zip is not a Baton account file: it has no baton-accounts.json. Nothing was imported.");
  let manifest: z.output<typeof manifestSchema>;
  try {
    manifest = manifestSchema.parse(JSON.parse(new TextDecoder().decode(manifestBytes)));
  } catch {
    throw new ApiFailure(422, DAMAGED);
  }
  if (manifest.formatVersion > ACCOUNT_FILE_VERSION) throw new ApiFailure(422, "That account file was written by a newer Baton in a format this one cannot read. Update Baton, then import it again. Nothing was imported.");
  const seen = new Set<string>();
  return manifest.accounts.map((entry) => {
    const binary = files[entry.document];
    const name = entry.name || "an account";
    if (!binary || binary.byteLength !== entry.bytes || sha256(binary) !== entry.sha256) throw damagedCopy(name);
    if (seen.has(entry.documentId)) throw new ApiFailure(422, DAMAGED);
    seen.add(entry.documentId);
    return { documentId: entry.documentId, name, binary };
  });
}

/** Load one account of an opened file and check it is a Baton account (the costly part: done in the import's job). */
export function loadAccountEntry({ documentId, name, binary }: AccountFileEntry): AccountFromFile {
  let doc: A.Doc<AccountDoc>;
  try {
    doc = A.load<AccountDoc>(binary);
  } catch {
    throw damagedCopy(name);
  }
  const raw = doc as unknown as Record<string, unknown>;
  const version = versionOf(doc);
  if (raw.name === undefined || raw.schemaVersion === undefined || version > SCHEMA_VERSION_MAX) throw new ApiFailure(422, `“${name}” in that file is not a Baton account. Nothing was imported.`);
  return { documentId, name: read(checkAccount(doc).account.name) || name, schemaVersion: version, binary, doc };
}

/** Every account in an account file, checked and loaded; refuses the whole file when any part is wrong. */
export function readAccountFile(bytes: Uint8Array): AccountFromFile[] {
  return openAccountFile(bytes).map(loadAccountEntry);
}

function damagedCopy(name: string): ApiFailure {
  return new ApiFailure(422, `The copy of “${name}” in that file is damaged or cut short. Nothing was imported. Export it again, or use another copy.`);
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Plain JSON of an account: fixed strings as strings, counters and dates as they print. */
function readableCopy(value: unknown, depth = 32): unknown {
  if (value === null || typeof value !== "object") return typeof value === "bigint" ? String(value) : value;
  if (isImmutableString(value)) return value.val;
  if (depth <= 0) return null;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map((v) => readableCopy(v, depth - 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = readableCopy(v, depth - 1);
  return out;
}
