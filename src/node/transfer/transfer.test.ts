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
import { EVENTS_PATH } from "../../../shared/api-paths";
import type { JobProgress } from "../../../shared/jobs";
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
    // Written to disk without being opened, yet found by search, contacts included.
    expect((await n.handlers.search({ query: "Berg 7" })).map((h) => [h.kind, h.title, h.accountName])).toContainEqual(["contact", "Ana Berg 7", "Company 7"]);

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
    await n.handlers.cancelJob({ job: "import" });
    const end = await done(() => n.handlers.importProgress());
    expect([end.state, end.message]).toEqual(["cancelled", "Import cancelled: nothing was changed."]);
    expect(n.handlers.accounts()).toEqual([]);
    expect(Object.keys(n.repo.handles)).toEqual([]);
  });

  it("stops between two accounts when cancelled while writing: those in are whole, listed and on disk; importing again finishes it", async () => {
    const dir = await tempDir();
    cleanups.push(() => removeDir(dir));
    let n = await startTestNode(dir);
    await n.handlers.saveProfile({ name: "Riley Rep", role: "rep", phone: null, email: null, reminderLeadMinutes: 10, personId: "" });
    const file = companiesCsv(600);
    await n.handlers.importCsv(file);
    n.handlers.startImport();
    // The first account in the library means the build is over and the writing has begun.
    await eventually(() => n.handlers.accounts().length > 0, 60_000, "the writing to begin");
    await n.handlers.cancelJob({ job: "import" });
    const end = await done(() => n.handlers.importProgress());
    const kept = end.accounts ?? [];
    expect(end.state).toBe("cancelled");
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(600);
    expect(end.message).toBe(
      `Import cancelled after ${kept.length === 1 ? "1 account" : `${String(kept.length)} accounts`} of 600: ${kept.length === 1 ? "1 account" : `${String(kept.length)} accounts`} added, 0 updated. Each of those is whole; the other ${String(600 - kept.length)} were not touched. Import the same file again to finish: the accounts already in are found by their HubSpot record id and updated, not added twice.`,
    );
    expect(new Set(kept.map((a) => a.outcome))).toEqual(new Set(["added"]));
    // Exactly the listed accounts, each whole: its two contacts and its deal's stage.
    const check = async (node: SyncNode) => {
      expect(node.handlers.accounts().map((a) => a.documentId).sort()).toEqual(kept.map((a) => a.documentId).sort());
      for (const { documentId, name } of kept.slice(0, 20)) {
        const doc = (await node.repo.find<AccountDoc>(documentId as DocumentId)).doc();
        expect([doc.name.toString(), Object.keys(doc.contacts).length, node.handlers.accounts().find((a) => a.documentId === documentId)?.stage]).toEqual([name, 2, "promised"]);
      }
    };
    await check(n);
    // On disk: a node started again on the folder has the same.
    await n.stop();
    n = await startTestNode(dir);
    cleanups.push(() => n.stop());
    await check(n);

    const again = await n.handlers.importCsv(file);
    expect(again.totals).toMatchObject({ newAccounts: 600 - kept.length, updatedAccounts: kept.length });
    n.handlers.startImport();
    expect((await done(() => n.handlers.importProgress())).message).toBe(`Imported from HubSpot: ${String(600 - kept.length)} accounts added, ${String(kept.length)} updated.`);
    expect(new Set(n.handlers.accounts().map((a) => a.name)).size).toBe(600);
    expect(n.handlers.accounts()).toHaveLength(600);
  }, 120_000);

  it("tells every window its progress in order, and the end once", async () => {
    const n = await node();
    const seen = await jobEvents(n, async () => {
      await n.handlers.importCsv(companiesCsv(200));
      n.handlers.startImport();
      await done(() => n.handlers.importProgress());
    });
    const imports = seen.filter((p) => p.job === "import");
    expect(imports[0]).toMatchObject({ state: "running", done: 0 });
    const ends = imports.filter((p) => p.state !== "running");
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ state: "done", done: 200, total: 200 });
    expect(ends[0]?.accounts).toHaveLength(200);
    // Two passes, building then writing, each counting up from 0 and never back.
    const running = imports.filter((p) => p.state === "running");
    const building = running.filter((p) => !p.writing).map((p) => p.done);
    const writing = running.filter((p) => p.writing).map((p) => p.done);
    expect(running.findIndex((p) => p.writing)).toBe(building.length);
    expect(writing[0]).toBe(0);
    for (const pass of [building, writing]) expect(pass).toEqual([...pass].sort((a, b) => a - b));
    expect(imports.every((p) => p.total === 0 || p.total === 200)).toBe(true);
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

/** Import an account file and wait for the job to end. */
async function imported(n: SyncNode, file: Uint8Array): Promise<JobProgress> {
  expect(n.handlers.importAccountFile(file)).toMatchObject({ job: "import", state: "running" });
  const end = await done(() => n.handlers.importProgress());
  expect(end.state).toBe("done");
  return end;
}

/** The "job" events every window gets while `work` runs, read from the node's event stream as a window reads them. */
async function jobEvents(n: SyncNode, work: () => Promise<void>): Promise<JobProgress[]> {
  const abort = new AbortController();
  const res = await fetch(`${n.endpoint().httpUrl}${EVENTS_PATH}`, { headers: { Authorization: `Bearer ${n.endpoint().token}` }, signal: abort.signal });
  const seen: JobProgress[] = [];
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let at;
        while ((at = buffer.indexOf("\n\n")) >= 0) {
          const event = JSON.parse(buffer.slice(0, at).replace(/^data: /, "")) as { type: string; job?: JobProgress };
          buffer = buffer.slice(at + 2);
          if (event.type === "job" && event.job) seen.push(event.job);
        }
      }
    } catch {
      // aborted: the work is over
    }
  })();
  await work();
  // The work's end, as the windows hear it, then a moment for anything sent after it.
  await eventually(() => seen.some((p) => p.state !== "running"), 10_000, "the job's end as an event");
  await new Promise((r) => setTimeout(r, 200));
  abort.abort();
  await reading;
  return seen;
}

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
    expect((await imported(b, older)).accounts).toEqual([{ documentId, name: "Acme", outcome: "added" }]);
    const onA = (await a.repo.find<AccountDoc>(documentId as DocumentId)).doc();
    const onB = (await b.repo.find<AccountDoc>(documentId as DocumentId)).doc();
    expect(A.getHeads(onB)).toEqual(A.getHeads(onA));
    expect(A.toJS(onB)).toEqual(A.toJS(onA));
    expect(b.handlers.accounts().map((s) => s.name)).toEqual(["Acme"]);

    // B goes on; its export merges into A's older copy: A gets B's change, with B's history.
    await addCommitmentOn(b, documentId, "Train the team");
    await addCommitmentOn(a, documentId, "Invoice in April");
    const newer = await exported(b, null);
    const result = await imported(a, newer);
    expect(result.accounts?.map((r) => r.outcome)).toEqual(["merged"]);
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
    // The CSV too: each account read from disk (and let go of) is whole in its row.
    a.handlers.startExport({ what: "accounts", documentIds: null });
    expect((await done(() => a.handlers.exportProgress())).state).toBe("done");
    const lines = new TextDecoder().decode(a.handlers.exportFile().bytes).trim().split("\r\n");
    expect(lines).toHaveLength(31);
    expect(lines.slice(1).map((l) => l.split(",")[0]).sort()).toEqual(accounts.map((x) => x.name).sort());

    a.handlers.startExport({ what: "commitments", documentIds: null });
    await a.handlers.cancelJob({ job: "export" });
    expect(await done(() => a.handlers.exportProgress())).toMatchObject({ state: "cancelled", message: "Export cancelled: no file was made." });
    expect(await refusal(() => a.handlers.exportFile())).toEqual({ status: 409, message: "There is no finished export to save." });
  });

  it("imports as a job a cancel stops between two accounts: those in are whole and listed, the rest untouched; importing again brings the rest", async () => {
    const a = await node();
    await a.handlers.importCsv(companiesCsv(400));
    a.handlers.startImport();
    await done(() => a.handlers.importProgress());
    const file = await exported(a, null);

    const dir = await tempDir();
    cleanups.push(() => removeDir(dir));
    let b = await startTestNode(dir);
    await b.handlers.saveProfile({ name: "Dana Delivery", role: "delivery-lead", phone: null, email: null, reminderLeadMinutes: 10, personId: "" });
    expect(b.handlers.importAccountFile(file)).toMatchObject({ job: "import", state: "running" });
    await eventually(() => b.handlers.accounts().length > 0 || b.handlers.importProgress().state === "done", 30_000, "the first account in");
    await b.handlers.cancelJob({ job: "import" });
    const end = await done(() => b.handlers.importProgress());
    const kept = end.accounts ?? [];
    expect(end.state).toBe("cancelled");
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(400);
    expect(end.message).toBe(
      `Import cancelled after ${kept.length === 1 ? "1 account" : `${String(kept.length)} accounts`} of 400: ${String(kept.length)} added, each whole. The other ${String(400 - kept.length)} were not touched; import the same file again to bring them in (the ones already in merge with themselves and do not change).`,
    );
    const keptIds = new Set(kept.map((k) => k.documentId));
    const untouched = a.handlers.accounts().map((s) => s.documentId).filter((id) => !keptIds.has(id));
    const check = async (n: SyncNode) => {
      expect(n.handlers.accounts().map((s) => s.documentId).sort()).toEqual([...keptIds].sort());
      for (const { documentId } of kept.slice(0, 25)) {
        const here = (await n.repo.find<AccountDoc>(documentId as DocumentId)).doc();
        const there = (await a.repo.find<AccountDoc>(documentId as DocumentId)).doc();
        expect(A.getHeads(here)).toEqual(A.getHeads(there));
      }
      expect(untouched.filter((id) => n.repo.handles[id as DocumentId] !== undefined)).toEqual([]);
    };
    await check(b);
    await b.stop();
    b = await startTestNode(dir);
    cleanups.push(() => b.stop());
    await check(b);

    // Cancelled while the file's accounts are still being loaded and checked: nothing changes.
    const started = b.handlers.importAccountFile(file);
    expect([started.state, started.writing]).toEqual(["running", undefined]);
    await b.handlers.cancelJob({ job: "import" });
    expect(await done(() => b.handlers.importProgress())).toMatchObject({ state: "cancelled", message: "Import cancelled: nothing was changed." });
    expect(b.handlers.accounts()).toHaveLength(kept.length);

    const again = await imported(b, file);
    expect(again.accounts?.filter((r) => r.outcome === "merged").map((r) => r.documentId).sort()).toEqual([...keptIds].sort());
    expect(again.accounts?.filter((r) => r.outcome === "added")).toHaveLength(400 - kept.length);
    expect(b.handlers.accounts()).toHaveLength(400);
  }, 120_000);

  it("takes an account's stored chunks as they are (a snapshot and later changes), and they load identical elsewhere", async () => {
    const dir = await tempDir();
    cleanups.push(() => removeDir(dir));
    let a = await startTestNode(dir);
    await a.handlers.saveProfile({ name: "Riley Rep", role: "rep", phone: null, email: null, reminderLeadMinutes: 10, personId: "" });
    const { documentId } = await a.handlers.createAccount({ name: "Acme" });
    await addCommitmentOn(a, documentId, "Install by March");
    await addCommitmentOn(a, documentId, "Train the team");
    const heads = A.getHeads((await a.repo.find<AccountDoc>(documentId as DocumentId)).doc());
    await a.stop();
    a = await startTestNode(dir);
    cleanups.push(() => a.stop());
    const file = await exported(a, [documentId]);
    expect(Object.keys(a.repo.handles)).toEqual([]);
    expect(A.getHeads(readAccountFile(file)[0]!.doc)).toEqual(heads);

    const b = await node();
    await imported(b, file);
    expect(await texts(b, documentId)).toEqual(["Install by March", "Train the team"]);
    expect(A.getHeads((await b.repo.find<AccountDoc>(documentId as DocumentId)).doc())).toEqual(heads);
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
    const result = await imported(b, file);
    expect(result.accounts).toEqual([{ documentId, name: "Future Ltd", outcome: "read-only" }]);
    expect(result.message).toMatch(/“Future Ltd” was made by a newer Baton and opens read-only here/);
    expect(b.handlers.accounts().map((s) => [s.name, s.readOnly])).toEqual([["Future Ltd", true]]);
  });
});
