/**
 * Scenario 9 — getting accounts in and out, in a sync node in the bench process:
 *
 * 8a. Import a CRM's CSV of 1,000 companies with 3,000 contacts and 1,000 deals (HubSpot's
 *     columns): from handing the node the file until the import is done and on disk
 *     (read, preview, build, write). Baseline: the same number of accounts created one by
 *     one through the node's `createAccount` (name only, no contacts or deals), in a node
 *     of its own — what typing the company names in costs the node.
 * 8b. Export all those accounts as one account file (history and readable JSON), from a
 *     node started again on the same folder (nothing in memory): from the request until
 *     the file is ready. Baseline: `Automerge.load` and `Automerge.save` of the same
 *     documents' bytes in the bench process, and nothing else.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import * as A from "@automerge/automerge";
import type { DocumentId } from "@automerge/automerge-repo";
import type { AccountDoc } from "../../shared";
import type { JobProgress } from "../../shared/jobs";
import { SyncNode } from "../../src/node/sync-node";
import { now, ROOT } from "../lib/ipc";
import { type BenchConfig, row, type ScenarioResult } from "../lib/result";
import { round } from "../lib/stats";

const IMPORT_GOAL_MS = 10_000;
const EXPORT_GOAL_MS = 5_000;

function hubspotCsv(companies: number, contactsEach: number): Uint8Array {
  const lines = ["Record ID - Company,Company name,Record ID - Contact,First Name,Last Name,Email,Phone Number,Record ID - Deal,Deal Name,Deal Stage,Amount,Close Date"];
  const stages = ["Appointment Scheduled", "Qualified To Buy", "Decision Maker Bought-In", "Contract Sent", "Closed Won"];
  let contact = 0;
  for (let i = 0; i < companies; i++) {
    for (let j = 0; j < contactsEach; j++) {
      contact++;
      const deal = j === 0 ? `${String(700_000 + i)},Company ${String(i)} – licences,${stages[i % stages.length]!},${String(1_000 + i * 10)}.00,2026-03-${String(1 + (i % 28)).padStart(2, "0")}` : ",,,,";
      lines.push(`${String(500_000 + i)},"Company ${String(i)}, Ltd.",${String(900_000 + contact)},Ana,Berg ${String(contact)},ana.${String(contact)}@company${String(i)}.example,+49 30 ${String(5_000_000 + contact)},${deal}`);
    }
  }
  return new TextEncoder().encode(lines.join("\r\n"));
}

async function until(progress: () => JobProgress): Promise<JobProgress> {
  for (;;) {
    const p = progress();
    if (p.state !== "running" && p.state !== "finishing") return p;
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function node(dataDir: string, log: (line: string) => void): Promise<SyncNode> {
  const n = await SyncNode.start({ dataDir, meetingBind: "127.0.0.1", mdnsPort: 0, log: () => undefined });
  if (!n.handlers.status().profile) await n.handlers.saveProfile({ name: "Riley Rep", role: "rep", phone: null, email: null, reminderLeadMinutes: 10, personId: "" });
  log(`  node on ${dataDir}`);
  return n;
}

export async function transfer(cfg: BenchConfig): Promise<ScenarioResult[]> {
  const companies = cfg.quick ? 200 : 1_000;
  const contactsEach = 3;
  await mkdir(join(ROOT, "bench/data"), { recursive: true });
  const dir = await mkdtemp(join(ROOT, "bench/data/run-transfer-"));
  const results: ScenarioResult[] = [];
  try {
    // 8a baseline: the same number of accounts created one by one.
    const base = await node(join(dir, "baseline"), cfg.log);
    let t = now();
    for (let i = 0; i < companies; i++) await base.handlers.createAccount({ name: `Company ${String(i)}, Ltd.` });
    const createMs = now() - t;
    await base.stop();

    // 8a: the import.
    const csv = hubspotCsv(companies, contactsEach);
    const importer = await node(join(dir, "import"), cfg.log);
    t = now();
    const preview = await importer.handlers.importCsv(csv);
    const previewMs = now() - t;
    importer.handlers.startImport();
    const end = await until(() => importer.handlers.importProgress());
    const importMs = now() - t;
    if (end.state !== "done") throw new Error(`the import ended ${end.state}: ${end.message ?? ""}`);
    const ids = importer.handlers.accounts().map((a) => a.documentId);
    const bytes = await Promise.all(ids.map(async (id) => A.save((await importer.repo.find<AccountDoc>(id as DocumentId)).doc())));
    await importer.stop();
    results.push(
      row({
        name: `9a. Import ${companies.toLocaleString("en")} companies, ${(companies * contactsEach).toLocaleString("en")} contacts (CSV)`,
        value: round(importMs),
        unit: "ms",
        goal: `≤ ${String(IMPORT_GOAL_MS / 1000)} s`,
        baseline: round(createMs),
        baselineIs: `${String(companies)} × createAccount through the node (names only)`,
        pass: importMs <= IMPORT_GOAL_MS,
        details: { rows: preview.totals.rows, previewMs: round(previewMs), accounts: ids.length, csvBytes: csv.byteLength },
      }),
    );

    // 8b: export everything from a node started again on the imported folder.
    const exporter = await node(join(dir, "import"), cfg.log);
    t = now();
    exporter.handlers.startExport({ what: "account-file", documentIds: null });
    const exported = await until(() => exporter.handlers.exportProgress());
    const exportMs = now() - t;
    if (exported.state !== "done") throw new Error(`the export ended ${exported.state}: ${exported.message ?? ""}`);
    const fileBytes = exporter.handlers.exportFile().bytes.byteLength;
    await exporter.stop();
    t = now();
    for (const b of bytes) A.save(A.load(b));
    const loadSaveMs = now() - t;
    results.push(
      row({
        name: `9b. Export all ${ids.length.toLocaleString("en")} accounts (account file)`,
        value: round(exportMs),
        unit: "ms",
        goal: `≤ ${String(EXPORT_GOAL_MS / 1000)} s`,
        baseline: round(loadSaveMs),
        baselineIs: "Automerge.load + Automerge.save of the same documents, in memory",
        pass: exportMs <= EXPORT_GOAL_MS,
        details: { fileBytes },
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}
