/** When something goes wrong: crash prompts, the log folder and what Copy Diagnostics gives (crash.ts, logs.ts, diagnostics.ts). */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { NodeStatus } from "../../shared/api";
import { gonePrompt, hungPrompt } from "./crash";
import { diagnosticsText, withoutSecrets } from "./diagnostics";
import { logFolderProblem } from "./logs";

const ID = "4NMNnkMhL8jXrdJ9jamS58PAVdXu";

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "baton-main-"));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  while (dirs.length) await rm(dirs.pop()!, { recursive: true, force: true });
});

describe("a crashed or hung window", () => {
  it("offers to reload after a crash, and asks nothing after a normal exit", () => {
    const prompt = gonePrompt("crashed")!;
    expect(prompt.message).toContain("it crashed");
    expect(prompt.buttons[prompt.reload]).toBe("Reload");
    expect(gonePrompt("oom")!.message).toContain("ran out of memory");
    expect(gonePrompt("clean-exit")).toBeNull();
  });

  it("offers to wait or reload when it hangs", () => {
    const prompt = hungPrompt();
    expect(prompt.buttons).toEqual(["Wait", "Reload"]);
    expect(prompt.buttons[prompt.reload]).toBe("Reload");
  });
});

describe("logs", () => {
  it("says why a log folder cannot be written, so the app can run on without one", async () => {
    const dir = await tempDir();
    expect(await logFolderProblem(join(dir, "logs"))).toBeNull();
    await writeFile(join(dir, "file"), "");
    expect(await logFolderProblem(join(dir, "file", "logs"))).toBe("a file is in the way of the folder");
  });
});

describe("diagnostics", () => {
  const status: NodeStatus = {
    profile: { id: "p1", name: "Ana Rep", role: "rep", phone: null, email: null, reminderLeadMinutes: 10 },
    links: [{ kind: "team-server", label: "sync.example.com", state: "offline", problem: "No answer", synced: false }],
    hosting: null,
    joined: null,
    server: { url: "wss://ana:hunter2@sync.example.com/baton?token=s3cret#t", hasToken: true },
    damaged: [{ documentId: ID, name: "Northwind", reason: "checksum", restored: false, backup: null }],
    archived: [],
    dataDir: "/home/ana/.config/Baton/data",
    backups: { folder: "/home/ana/.config/Baton/data/backups", keep: 10, everyMinutes: 15, last: null, problem: null },
    jobs: [],
  };
  const input = { appVersion: "0.1.0", versions: { electron: "45.4.1", chrome: "146", node: "24" }, platform: "linux", arch: "x64", dataDir: status.dataDir, logsDir: "/home/ana/.config/Baton/logs", status };

  it("give versions, folders and the state of each link", () => {
    const text = diagnosticsText(input);
    expect(text).toContain("Baton 0.1.0");
    expect(text).toContain("Electron 45.4.1");
    expect(text).toContain("Data folder: /home/ana/.config/Baton/data");
    expect(text).toContain("Link (team-server): offline — No answer");
    expect(text).toContain("Damaged accounts: 1");
  });

  it("never include a token, a password, a person's name or an account's name", () => {
    const text = diagnosticsText(input);
    for (const secret of ["s3cret", "hunter2", "ana:", "Ana Rep", "Northwind"]) expect(text).not.toContain(secret);
    expect(text).toContain("Team sync server: wss://sync.example.com/baton");
    expect(withoutSecrets("not a url")).toBe("(not a valid address)");
  });
});
