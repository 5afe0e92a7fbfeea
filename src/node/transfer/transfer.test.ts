/**
 * Files in and out of a real sync node: a CRM's CSV in any encoding Excel or a CRM writes,
 * imported, re-imported without duplicates and cancelled without leaving anything; an
 * account file exported and imported into a fresh node identical, merged into its own
 * older copy (the histories join), refused whole when cut short or damaged, and read-only
 * when a newer Baton wrote it.
 */
import * as A from "@automerge/automerge";
import { generateAutomergeUrl, parseAutomergeUrl, type DocumentId } from "@automerge/automerge-repo";
import { unzipSync, zipSync } from "fflate";
import { afterEach, describe, expect, it } from "vitest";
import type { AccountDoc } from "../../../shared/account/schema";
import { SCHEMA_VERSION } from "../../../shared/account/values";
import type { JobProgress } from "../../../shared/import/transfer-api";
import type { SyncNode } from "../sync-node";
import { addCommitmentOn, eventually, removeDir, startTestNode, tempDir, texts } from "../test-helpers";
import { accountFileParts, readAccountFile, writeAccountFile } from "./account-file";
import { newAccount, rep, run } from "../../../shared/testing/accounts";
import { decodeCsv, readCsv } from "./csv-text";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

async function node(): Promise<SyncNode> {
  const dir = await tempDir();
  cleanups.push(() => removeDir(dir));
  const n = await startTestNode(dir);
  cleanups.push(() => n.stop());
  await n.handlers.saveProfile({ name: "Riley Rep", role: "rep", phone: null, email: null, reminderLeadMinutes: 10, personId: "" });
  return n;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16le = (s: string, bom: boolean) => {
  const b = Buffer.from(s, "utf16le");
  return new Uint8Array(bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), b]) : b);
};

async function done(progress: () => JobProgress): Promise<JobProgress> {
  return eventually(() => {
    const p = progress();
    return p.state !== "running" && p.state !== "finishing" ? p : undefined;
  }, 30_000, "the job to end");
}

async function refusal(call: () => unknown): Promise<{ status: number; message: string }> {
  try {
    await call();
  } catch (e) {
    return { status: (e as { status: number }).status, message: (e as Error).message };
  }
  throw new Error("expected a refusal");
}

describe("a CSV's text", () => {
  const csv = 'Company name,Notes\r\nMüller & Söhne,"two\nlines, quoted"\r\n=HYPERLINK("http://x.example"),+1\r\n';
  const expected = [
    ["Müller & Söhne", "two\nlines, quoted"],
    ['=HYPERLINK("http://x.example")', "+1"],
  ];

  it("is read in UTF-8 with and without a byte-order mark, UTF-16 either way round, and Latin-1", () => {
    const latin1 = new Uint8Array(Buffer.from(csv, "latin1"));
    const cases: [Uint8Array, string][] = [
      [utf8(csv), "UTF-8"],
      [new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(csv)]), "UTF-8"],
      [utf16le(csv, true), "UTF-16LE"],
      [utf16le(csv, false), "UTF-16LE"],
      [new Uint8Array([0xfe, 0xff, ...Buffer.from(csv, "utf16le").swap16()]), "UTF-16BE"],
      [latin1, "Windows-1252 (Latin-1)"],
    ];
    for (const [bytes, encoding] of cases) {
      const table = readCsv(bytes);
      expect([table.encoding, table.headers, table.rows]).toEqual([encoding, ["Company name", "Notes"], expected]);
    }
    expect(decodeCsv(utf16le("Company\tAmount\r\n", true)).text).toBe("Company\tAmount\r\n");
    expect(readCsv(utf16le("Company\tAmount\r\nAcme\t10\r\n", true)).rows).toEqual([["Acme", "10"]]);
  });

  it("reads 100,000 rows", () => {
    const lines = ["Record ID,Company name,Email"];
    for (let i = 0; i < 100_000; i++) lines.push(`${String(i)},"Company ${String(i)}, Inc.",c${String(i)}@example.com`);
    const table = readCsv(utf8(lines.join("\n")));
    expect(table.rows).toHaveLength(100_000);
    expect(table.rows[99_999]).toEqual(["99999", "Company 99999, Inc.", "c99999@example.com"]);
  });

  it("refuses what is not a CSV, or a quote never closed, saying why", () => {
    expect(() => readCsv(new Uint8Array())).toThrow("That file is empty.");
    expect(() => readCsv(zipSync({ "a.txt": utf8("x") }))).toThrow(/not a CSV file/);
    expect(() => readCsv(utf8('Company\nAcme\n"Globex\nInitech\n'))).toThrow(/quote opened in row 3 is never closed/);
    expect(() => readCsv(utf8("Company\n"))).toThrow(/no rows/);
  });
});

function companiesCsv(n: number, stage = "Contract Sent"): Uint8Array {
  const lines = ["Record ID - Company,Company name,Record ID - Contact,First Name,Last Name,Email,Deal Stage,Amount"];
  for (let i = 1; i <= n; i++) {
    lines.push(`${String(i)},Company ${String(i)},${String(1000 + i)},Ana,Berg ${String(i)},ana${String(i)}@example.com,${stage},${String(i * 100)}`);
    lines.push(`${String(i)},Company ${String(i)},${String(5000 + i)},Ben,Kim,ben${String(i)}@example.com,,`);
  }
  return utf8(lines.join("\r\n"));
}

describe("importing a CRM's CSV into a node", () => {
  it("adds the accounts, and a re-import of the same file updates them instead of adding them twice", async () => {
    const n = await node();
    const preview = await n.handlers.importCsv(companiesCsv(20));
    expect(preview.totals).toMatchObject({ rows: 40, ready: 40, withProblems: 0, newAccounts: 20, updatedAccounts: 0, contacts: 40, deals: 20 });
    expect(preview.stages).toEqual([{ value: "Contract Sent", rows: 20, stage: "promised", recognised: true }]);
    n.handlers.startImport();
    expect((await done(() => n.handlers.importProgress())).message).toBe("Imported from HubSpot: 20 accounts added, 0 updated.");
    expect(n.handlers.accounts().map((a) => [a.name, a.stage])).toContainEqual(["Company 7", "promised"]);

    const again = await n.handlers.importCsv(companiesCsv(20, "Closed Won"));
    expect(again.totals).toMatchObject({ newAccounts: 0, updatedAccounts: 20 });
    n.handlers.startImport();
    expect((await done(() => n.handlers.importProgress())).message).toBe("Imported from HubSpot: 0 accounts added, 20 updated.");
    const accounts = n.handlers.accounts();
    expect(accounts).toHaveLength(20);
    expect(new Set(accounts.map((a) => a.stage))).toEqual(new Set(["ordered"]));
    const handle = await n.repo.find<AccountDoc>(accounts[0]!.documentId as DocumentId);
    expect(Object.keys(handle.doc().contacts)).toHaveLength(2);
  });

  it("leaves nothing behind when cancelled", async () => {
    const n = await node();
    await n.handlers.importCsv(companiesCsv(3_000));
    n.handlers.startImport();
    await eventually(() => n.handlers.importProgress().done > 0, 10_000, "the import to start");
    n.handlers.cancelImport();
    const end = await done(() => n.handlers.importProgress());
    expect([end.state, end.message]).toEqual(["cancelled", "Cancelled: nothing was changed."]);
    expect(n.handlers.accounts()).toEqual([]);
    expect(Object.keys(n.repo.handles)).toEqual([]);
  });

  it("refuses a row with a problem until it is fixed", async () => {
    const n = await node();
    const preview = await n.handlers.importCsv(utf8("Company name,Email\nAcme,ana.acme.example\n,ben@x.example\n"));
    expect(preview.rows.map((r) => [r.line, r.problems.map((p) => p.field)])).toEqual([
      [2, ["contactEmail"]],
      [3, ["companyName"]],
    ]);
    const fixed = n.handlers.fixImportRow({ line: 2, values: { contactEmail: "ana@acme.example" } });
    expect(fixed.totals).toMatchObject({ ready: 1, withProblems: 1 });
    n.handlers.startImport();
    expect((await done(() => n.handlers.importProgress())).message).toBe("Imported from a CSV file: 1 account added, 0 updated, 1 row with problems left out.");
  });
});

async function exported(n: SyncNode, documentIds: string[] | null): Promise<Uint8Array> {
  n.handlers.startExport({ what: "account-file", documentIds });
  expect((await done(() => n.handlers.exportProgress())).state).toBe("done");
  return n.handlers.exportFile().bytes;
}

describe("the readable JSON beside each account", () => {
  it("holds the customer's domain and phone and the phone and email of the rep and the lead, null where none is given", () => {
    const readable = (doc: A.Doc<AccountDoc>) => JSON.parse(new TextDecoder().decode(accountFileParts("doc1", doc).readable)) as Record<string, unknown>;
    let doc = run(newAccount("Initech"), rep, "setCustomer", { domain: "initech.example", phone: "+1 555 0100" });
    doc = run(doc, rep, "updateOwnerContact", { personId: rep.id, phone: "030 1234567", email: "riley@baton.example" });
    expect(readable(doc)).toMatchObject({ documentId: "doc1", name: "Initech", domain: "initech.example", phone: "+1 555 0100", rep: { id: rep.id, name: rep.name, phone: "030 1234567", email: "riley@baton.example" }, deliveryLead: null });
    expect(readable(newAccount("Globex"))).toMatchObject({ domain: null, phone: null, rep: { id: rep.id, phone: null, email: null } });
  });
});

describe("an account file", () => {
  it("brings an account into a fresh node identical, and merges a newer copy into the older one", async () => {
    const a = await node();
    const { documentId } = await a.handlers.createAccount({ name: "Acme" });
    await addCommitmentOn(a, documentId, "Install by March");
    const older = await exported(a, [documentId]);

    const b = await node();
    expect((await b.handlers.importAccountFile(older)).accounts).toEqual([{ documentId, name: "Acme", outcome: "added" }]);
    const onA = (await a.repo.find<AccountDoc>(documentId as DocumentId)).doc();
    const onB = (await b.repo.find<AccountDoc>(documentId as DocumentId)).doc();
    expect(A.getHeads(onB)).toEqual(A.getHeads(onA));
    expect(A.toJS(onB)).toEqual(A.toJS(onA));
    expect(b.handlers.accounts().map((s) => s.name)).toEqual(["Acme"]);

    // B goes on; its export merges into A's older copy: A gets B's change, with B's history.
    await addCommitmentOn(b, documentId, "Train the team");
    await addCommitmentOn(a, documentId, "Invoice in April");
    const newer = await exported(b, null);
    const result = await a.handlers.importAccountFile(newer);
    expect(result.accounts.map((r) => r.outcome)).toEqual(["merged"]);
    expect(await texts(a, documentId)).toEqual(["Install by March", "Invoice in April", "Train the team"]);
    const merged = (await a.repo.find<AccountDoc>(documentId as DocumentId)).doc();
    // The whole of B's history is in A's copy now.
    expect(A.hasHeads(merged, A.getHeads((await b.repo.find<AccountDoc>(documentId as DocumentId)).doc()))).toBe(true);
  });

  it("holds every account of a node started again (read from disk), and a cancelled export gives no file", async () => {
    const dir = await tempDir();
    cleanups.push(() => removeDir(dir));
    let a = await startTestNode(dir);
    await a.handlers.saveProfile({ name: "Riley Rep", role: "rep", phone: null, email: null, reminderLeadMinutes: 10, personId: "" });
    await a.handlers.importCsv(companiesCsv(30));
    a.handlers.startImport();
    await done(() => a.handlers.importProgress());
    await a.stop();
    a = await startTestNode(dir);
    cleanups.push(() => a.stop());
    const file = await exported(a, null);
    const accounts = readAccountFile(file);
    expect(accounts.map((x) => x.name).sort()).toEqual(a.handlers.accounts().map((x) => x.name).sort());
    expect(accounts).toHaveLength(30);
    expect(Object.keys(accounts[0]!.doc.contacts)).toHaveLength(2);
    // Read from storage, not made live documents of the Repo.
    expect(Object.keys(a.repo.handles)).toHaveLength(0);

    a.handlers.startExport({ what: "commitments", documentIds: null });
    a.handlers.cancelExport();
    expect((await done(() => a.handlers.exportProgress())).state).toBe("cancelled");
    expect(await refusal(() => a.handlers.exportFile())).toEqual({ status: 409, message: "There is no finished export to save." });
  });

  it("is refused whole when cut short or damaged, and nothing changes", async () => {
    const a = await node();
    await a.handlers.createAccount({ name: "Acme" });
    await a.handlers.createAccount({ name: "Globex" });
    const file = await exported(a, null);

    const b = await node();
    const cut = await refusal(() => b.handlers.importAccountFile(file.subarray(0, Math.floor(file.length * 0.7))));
    expect(cut).toEqual({ status: 422, message: expect.stringMatching(/damaged or cut short.*Nothing was imported/) as unknown });

    const parts = unzipSync(file);
    const name = Object.keys(parts).find((p) => p.endsWith(".automerge"))!;
    parts[name] = parts[name]!.map((x, i) => (i === 40 ? x ^ 0xff : x));
    const flipped = await refusal(() => b.handlers.importAccountFile(zipSync(parts)));
    expect(flipped.message).toMatch(/The copy of “(Acme|Globex)” in that file is damaged or cut short\. Nothing was imported\./);
    expect(await refusal(() => b.handlers.importAccountFile(utf8("Company\nAcme\n")))).toMatchObject({ message: expect.stringMatching(/not a Baton account file/) as unknown });
    expect(b.handlers.accounts()).toEqual([]);
  });

  it("from a newer Baton is added read-only, with a message", async () => {
    const b = await node();
    let doc = A.from<Record<string, unknown>>({ name: "Future Ltd", schemaVersion: SCHEMA_VERSION + 1 }) as unknown as A.Doc<AccountDoc>;
    doc = A.change(doc, (d) => {
      d.name = "Future Ltd";
    });
    const { documentId } = parseAutomergeUrl(generateAutomergeUrl());
    const file = writeAccountFile([{ documentId, ...accountFileParts(documentId, doc) }]);
    expect(readAccountFile(file).map((r) => r.schemaVersion)).toEqual([SCHEMA_VERSION + 1]);
    const result = await b.handlers.importAccountFile(file);
    expect(result.accounts).toEqual([{ documentId, name: "Future Ltd", outcome: "read-only" }]);
    expect(result.message).toMatch(/“Future Ltd” was made by a newer Baton and opens read-only here/);
    expect(b.handlers.accounts().map((s) => [s.name, s.readOnly])).toEqual([["Future Ltd", true]]);
  });
});
