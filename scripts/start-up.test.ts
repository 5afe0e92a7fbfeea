/**
 * What `npm start` and `npm test` decide on their own before anything is installed
 * (scripts/bootstrap.mjs, scripts/start.mjs): when to install, where the Electron runtime
 * is, and the few words that say why it could not be fetched.
 */
import { mkdtemp, mkdir, rm, utimes, writeFile, chmod } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findChromium, installReason } from "./bootstrap.mjs";
import { downloadProblem, electronBinary } from "./start.mjs";

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "baton-start-up-"));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  while (dirs.length) await rm(dirs.pop()!, { recursive: true, force: true });
});

describe("installing the dependencies", () => {
  it("installs on a fresh clone (no node_modules)", async () => {
    const root = await tempDir();
    await writeFile(join(root, "package-lock.json"), "{}");
    expect(installReason(root)).toBe("the dependencies are not installed");
  });

  it("installs again when package-lock.json is newer than the last install", async () => {
    const root = await tempDir();
    await mkdir(join(root, "node_modules"));
    await writeFile(join(root, "node_modules", ".package-lock.json"), "{}");
    await writeFile(join(root, "package-lock.json"), "{}");
    const installed = new Date("2026-01-01T10:00:00Z");
    await utimes(join(root, "node_modules", ".package-lock.json"), installed, installed);
    const pulled = new Date("2026-01-02T10:00:00Z");
    await utimes(join(root, "package-lock.json"), pulled, pulled);
    expect(installReason(root)).toBe("package-lock.json changed since they were installed");
  });

  it("leaves current dependencies alone", async () => {
    const root = await tempDir();
    await writeFile(join(root, "package-lock.json"), "{}");
    await mkdir(join(root, "node_modules"));
    await writeFile(join(root, "node_modules", ".package-lock.json"), "{}");
    const lock = new Date("2026-01-01T10:00:00Z");
    await utimes(join(root, "package-lock.json"), lock, lock);
    expect(installReason(root)).toBeNull();
  });
});

describe("the browser the tests drive", () => {
  it("takes CHROMIUM_PATH first when it exists", async () => {
    const root = await tempDir();
    const chrome = join(root, "chrome");
    await writeFile(chrome, "");
    expect(findChromium({ CHROMIUM_PATH: chrome })).toBe(chrome);
  });
});

describe("the Electron runtime", () => {
  it("is missing when the package's download never ran", async () => {
    const pkg = await tempDir();
    expect(electronBinary(pkg)).toBeNull();
  });

  it("is the binary path.txt names under dist/", async () => {
    const pkg = await tempDir();
    await writeFile(join(pkg, "path.txt"), "electron");
    expect(electronBinary(pkg)).toBeNull();
    await mkdir(join(pkg, "dist"));
    await writeFile(join(pkg, "dist", "electron"), "");
    await chmod(join(pkg, "dist", "electron"), 0o755);
    expect(electronBinary(pkg)).toBe(join(pkg, "dist", "electron"));
  });

  it("says in a few words why the download failed, not with a stack trace", () => {
    const offline = `RequestError: getaddrinfo ENOTFOUND github.com\n    at ClientRequest.<anonymous> (/x/got/index.js:1:1)\n    at GetAddrInfoReqWrap.onlookupall`;
    expect(downloadProblem(offline)).toBe("getaddrinfo ENOTFOUND github.com");
    expect(downloadProblem("TypeError: fetch failed\n    at node:internal")).toBe("no network");
    expect(downloadProblem("HTTPError: Response code 404 (Not Found) for http://x\n    at y")).toBe("HTTPError: Response code 404 (Not Found) for http://x");
  });
});
