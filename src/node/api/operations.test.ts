/**
 * The two sides of the operation table (shared/api.ts) agree: a real node in browser mode
 * on 127.0.0.1 routes every operation of the table to its handler, and the client the
 * window's is derived from (`apiClient`) reaches each one with the table's method, path
 * and input. An operation added to one side only fails here: a row without a handler or a
 * tour stop below does not compile, a row the node does not route answers "No such API
 * route", and two rows on one method and path stop the node from starting.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { apiClient, operations, type ApiError, type JobProgress, type NodeApi, type Operation, type OperationName } from "../../../shared/api";
import { formatAccountLink } from "../../../shared/account-link";
import type { SyncNode } from "../sync-node";
import { removeDir, startTestNode, tempDir } from "../test-helpers";
import { Dispatcher } from "./dispatcher";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

/** A refusal as the node sent it. */
class Refused extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(`${status}: ${body.error}`);
  }
}

/** The client of the table over HTTP, as the window sends it (token, JSON body only when there is input). */
function clientOf(node: SyncNode): NodeApi {
  const { httpUrl, token } = node.endpoint();
  return apiClient(async (operation: Operation, input: unknown) => {
    const file = operation.upload !== undefined ? (input as Uint8Array) : null;
    const res = await fetch(httpUrl + operation.path, {
      method: operation.method,
      headers: { Authorization: `Bearer ${token}`, ...(input === undefined ? {} : { "Content-Type": file ? "application/octet-stream" : "application/json" }) },
      body: file ? (file as BodyInit) : input === undefined ? undefined : JSON.stringify(input),
    });
    if (operation.download && res.ok) return { name: "", type: res.headers.get("Content-Type"), bytes: new Uint8Array(await res.arrayBuffer()) };
    const body = (await res.json()) as unknown;
    if (!res.ok) throw new Refused(res.status, body as ApiError);
    return body;
  });
}

/** The refusal a call ends in (it must end in one). */
async function refusal(call: Promise<unknown>): Promise<Refused> {
  const outcome = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(outcome instanceof Refused)) throw new Error(`expected the node to refuse, got ${String(outcome)}`);
  return outcome;
}

async function browserModeNode(): Promise<SyncNode> {
  const dir = await tempDir();
  cleanups.push(() => removeDir(dir));
  const app = join(dir, "app");
  await mkdir(app);
  await writeFile(join(app, "index.html"), "<!doctype html><title>Baton</title>");
  const node = await startTestNode(join(dir, "node"), { staticDir: app });
  cleanups.push(() => node.stop());
  return node;
}

interface Tour {
  documentId: string;
  code: string;
  backupId?: string;
  /** An account file the export stops made. */
  file?: Uint8Array;
}

/** Wait until a job is no longer running. */
async function finished(progress: () => Promise<JobProgress>): Promise<JobProgress> {
  for (let i = 0; i < 200; i++) {
    const p = await progress();
    if (p.state !== "running" && p.state !== "finishing") return p;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("the job never finished");
}

/**
 * One stop per operation, in the order a person might meet them; each checks that the
 * operation's own handler answered (its result, or a refusal in its own words).
 */
const stops = {
  status: async (api) => {
    expect((await api.status()).profile).toBeNull();
  },
  saveProfile: async (api) => {
    // The handler gets the input as the table's schema made it: trimmed.
    expect(await api.saveProfile({ name: "  Ana  ", role: "rep" })).toMatchObject({ name: "Ana", role: "rep" });
  },
  createAccount: async (api, tour) => {
    tour.documentId = (await api.createAccount({ name: " Acme " })).documentId;
  },
  accounts: async (api, tour) => {
    expect(await api.accounts()).toEqual([expect.objectContaining({ documentId: tour.documentId, name: "Acme" })]);
  },
  warmAccount: async (api, tour) => {
    await api.warmAccount({ documentId: tour.documentId });
    const refused = await refusal(api.warmAccount({ documentId: "not an id" }));
    expect([refused.status, refused.body.error]).toEqual([400, "That is not an account id."]);
  },
  openAccount: async (api, tour) => {
    // The window sends a link; the node's handler gets the id it names.
    expect(await api.openAccount({ link: formatAccountLink(tour.documentId) })).toEqual({ documentId: tour.documentId });
  },
  hostMeeting: async (api, tour) => {
    const hosted = await api.hostMeeting({ documentId: tour.documentId });
    expect(hosted).toMatchObject({ documentId: tour.documentId, accountName: "Acme" });
    tour.code = hosted.code;
  },
  nearbyMeetings: async (api) => {
    expect(await api.nearbyMeetings()).toMatchObject({ meetings: expect.any(Array) });
  },
  answerKnock: async (api) => {
    const refused = await refusal(api.answerKnock({ knockId: "0123456789abcdef", answer: "let-in" }));
    expect([refused.status, refused.body.error]).toEqual([404, "That person is no longer waiting to join."]);
  },
  joinMeeting: async (api, tour) => {
    const refused = await refusal(api.joinMeeting({ code: tour.code }));
    expect(refused.body.error).toMatch(/You are hosting this meeting yourself/);
  },
  knock: async (api) => {
    const refused = await refusal(api.knock({ meetingId: "abcdefghijklmnop" }));
    expect(refused.status).toBe(404);
    expect(refused.body.error).not.toMatch(/No such API route/);
  },
  cancelKnock: async (api) => {
    expect(await api.cancelKnock()).toEqual({ ok: true });
  },
  leaveMeeting: async (api) => {
    expect(await api.leaveMeeting()).toEqual({ ok: true });
  },
  endMeeting: async (api) => {
    expect(await api.endMeeting()).toEqual({ ok: true });
    expect((await api.status()).hosting).toBeNull();
  },
  saveServer: async (api) => {
    const refused = await refusal(api.saveServer({ url: "ws://127.0.0.1:1", token: "x" }));
    expect([refused.status, refused.body.fields?.url]).toEqual([400, expect.stringMatching(/not reachable/)]);
  },
  removeServer: async (api) => {
    expect(await api.removeServer()).toEqual({ ok: true });
  },
  reminders: async (api) => {
    expect(await api.reminders()).toEqual({ fired: [], callbackNumber: "" });
  },
  claimReminder: async (api, tour) => {
    expect(await api.claimReminder({ key: `${tour.documentId}/call-1@2099-01-01T09:00:00.000Z` })).toEqual({ first: true });
  },
  saveCallbackNumber: async (api) => {
    expect(await api.saveCallbackNumber({ callbackNumber: " +49 30 1234567 " })).toMatchObject({ callbackNumber: "+49 30 1234567" });
  },
  search: async (api, tour) => {
    // The index is written with the summary, shortly after the account was created.
    await expect.poll(async () => (await api.search({ query: "acm" })).map((h) => [h.kind, h.documentId])).toEqual([["account", tour.documentId]]);
    const refused = await refusal(api.search({ query: "x".repeat(10_000) }));
    expect([refused.status, refused.body.error]).toEqual([400, expect.stringMatching(/up to 200 characters/)]);
  },
  viewSettings: async (api) => {
    expect(await api.viewSettings()).toEqual({ stayCloseDays: 7 });
  },
  saveViewSettings: async (api) => {
    expect(await api.saveViewSettings({ stayCloseDays: 10 })).toEqual({ stayCloseDays: 10 });
    expect((await refusal(api.saveViewSettings({ stayCloseDays: 0 }))).status).toBe(400);
  },
  markSeen: async (api, tour) => {
    expect(await api.markSeen({ documentId: tour.documentId, heads: ["ab".repeat(32)] })).toEqual({ ok: true });
  },
  lastSeen: async (api, tour) => {
    expect(await api.lastSeen({ documentId: tour.documentId })).toMatchObject({ heads: ["ab".repeat(32)] });
  },
  pageLink: async (api) => {
    expect((await api.pageLink()).url).toMatch(/\?login=/);
  },
  saveBackupSettings: async (api) => {
    const refused = await refusal(api.saveBackupSettings({ folder: "", keep: 10, everyMinutes: 15 }));
    expect([refused.status, refused.body.fields?.folder]).toEqual([400, "Choose a folder for the backups."]);
  },
  backUpNow: async (api, tour) => {
    tour.backupId = (await api.backUpNow()).id;
    expect(tour.backupId).toMatch(/^baton-backup-/);
  },
  backups: async (api, tour) => {
    expect((await api.backups()).map((b) => b.id)).toEqual([tour.backupId]);
  },
  backupPreview: async (api, tour) => {
    expect((await api.backupPreview({ id: tour.backupId! })).accounts.map((a) => a.documentId)).toEqual([tour.documentId]);
  },
  restoreBackup: async (api, tour) => {
    expect(await api.restoreBackup({ id: tour.backupId!, documentIds: [tour.documentId], mode: "missing" })).toMatchObject({ job: "restore", state: "running" });
  },
  accountsFromServer: async (api) => {
    expect(await api.accountsFromServer()).toMatchObject({ job: "server-accounts" });
  },
  cancelJob: async (api) => {
    expect(await api.cancelJob({ job: "restore" })).toEqual({ ok: true });
  },
  importCsv: async (api) => {
    const csv = "Company name,Email\nAcme,ana@acme.example\nGlobex,hank.globex.example\n";
    expect((await api.importCsv(new TextEncoder().encode(csv))).totals).toMatchObject({ rows: 2, withProblems: 1 });
  },
  mapImportCsv: async (api) => {
    const preview = await api.mapImportCsv({ mapping: { ...(await api.importCsv(new TextEncoder().encode("Company name\nAcme\n"))).mapping }, stages: {}, locale: "en-US" });
    expect(preview.mappingProblem).toBeNull();
  },
  fixImportRow: async (api) => {
    await api.importCsv(new TextEncoder().encode("Company name,Email\nAcme,ana@acme.example\nGlobex,hank.globex.example\n"));
    expect((await api.fixImportRow({ line: 3, values: { contactEmail: "hank@globex.example" } })).totals.withProblems).toBe(0);
  },
  startImport: async (api) => {
    expect(["running", "finishing", "done"]).toContain((await api.startImport()).state);
  },
  importProgress: async (api) => {
    expect(await finished(() => api.importProgress())).toMatchObject({ state: "done", message: expect.stringMatching(/2 accounts added/) as unknown });
  },
  startExport: async (api) => {
    expect((await api.startExport({ what: "account-file", documentIds: null })).total).toBe(3);
  },
  exportProgress: async (api) => {
    expect((await finished(() => api.exportProgress())).state).toBe("done");
  },
  exportFile: async (api, tour) => {
    const file = await api.exportFile();
    expect(file.type).toBe("application/zip");
    tour.file = file.bytes;
  },
  importAccountFile: async (api, tour) => {
    expect((await api.importAccountFile(tour.file ?? new Uint8Array())).job).toBe("import");
    const end = await finished(() => api.importProgress());
    expect(end.accounts?.map((a) => a.outcome)).toEqual(["merged", "merged", "merged"]);
  },
  archiveAccount: async (api, tour) => {
    expect(await api.archiveAccount({ documentId: tour.documentId, archived: true })).toEqual({ ok: true });
    expect((await api.status()).archived).toEqual([tour.documentId]);
    await api.archiveAccount({ documentId: tour.documentId, archived: false });
    expect((await api.status()).archived).toEqual([]);
  },
  eraseAccount: async (api, tour) => {
    const erased = await api.eraseAccount({ documentId: tour.documentId });
    expect(erased).toEqual({ documentId: expect.any(String), reachedServer: false });
    const names = new Map((await api.accounts()).map((a) => [a.documentId, a.name]));
    expect([names.get(erased.documentId), names.has(tour.documentId)]).toEqual(["Acme", false]);
    tour.documentId = erased.documentId;
  },
  deleteAccount: async (api, tour) => {
    expect(await api.deleteAccount({ documentId: tour.documentId })).toEqual({ server: "no-server" });
    expect((await api.accounts()).some((a) => a.documentId === tour.documentId)).toBe(false);
    const refused = await refusal(api.deleteAccount({ documentId: tour.documentId }));
    expect([refused.status, refused.body.error]).toEqual([404, "This account is not on this device."]);
  },
} satisfies Record<OperationName, (api: NodeApi, tour: Tour) => Promise<void>>;

describe("the operation table", () => {
  it("is routed by the node and called by the client, every operation reaching its own handler", async () => {
    const node = await browserModeNode();
    const api = clientOf(node);
    const tour: Tour = { documentId: "", code: "" };
    const visited: string[] = [];
    for (const [name, stop] of Object.entries(stops)) {
      await stop(api, tour).catch((e: unknown) => {
        throw new Error(`${name}: ${(e as Error).message}`);
      });
      visited.push(name);
    }
    expect(visited.sort()).toEqual(Object.keys(operations).sort());
  });

  it("gives every operation its own method and path, and nothing else is an operation", async () => {
    const node = await browserModeNode();
    const routes = new Dispatcher(node.handlers).routes();
    expect(routes.sort()).toEqual(Object.values(operations).map((o: Operation) => `${o.method} ${o.path}`).sort());
    expect(new Set(routes).size).toBe(Object.keys(operations).length);

    // What the client would see from a route the node does not have.
    const { httpUrl, token } = node.endpoint();
    const res = await fetch(`${httpUrl}/api/meeting/hots`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
    expect([res.status, ((await res.json()) as ApiError).error]).toEqual([404, "No such API route: POST /api/meeting/hots"]);
  });

  it("refuses a node whose handlers miss an operation", async () => {
    const node = await browserModeNode();
    const { pageLink: _left, ...missingOne } = node.handlers;
    expect(() => new Dispatcher(missingOne as never)).toThrow(/no handler for the API operation pageLink/);
  });
});
