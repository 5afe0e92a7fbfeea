/**
 * The installers' configuration (electron-builder.json), checked here because the build
 * itself needs the Electron runtime, which cannot be downloaded on our build machines:
 * the app id, the targets, the deep-link protocol, the fuses hook, the update feed and
 * which files go into the app.
 */
import { existsSync, readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { validateConfiguration } from "app-builder-lib/out/util/config/config";
import { DEEP_LINK_SCHEME } from "../src/main/deep-link";
import { fusesFor, packagedBinary } from "./after-pack.mjs";
import { BATON_FUSES } from "./fuses.mjs";
import { png } from "./make-icon";
import { batonMark } from "../src/main/icon";

/** electron-builder's debug logger, off (validation only asks whether it is enabled). */
const QUIET = { isEnabled: false } as never;
const ROOT = resolve(import.meta.dirname, "..");
interface Config {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  npmRebuild: boolean;
  afterPack: string;
  electronFuses?: unknown;
  protocols: { name: string; schemes: string[] }[];
  publish: { provider: string; url: string }[];
  directories: { output: string };
  linux: { target: string[]; executableName: string; maintainer: string; icon: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
}
const config = JSON.parse(readFileSync(join(ROOT, "electron-builder.json"), "utf8")) as Config;
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { main: string; scripts: Record<string, string>; overrides: Record<string, string>; dependencies: Record<string, string> };

/** electron-builder's `files` semantics: patterns in order, a later `!pattern` takes a path out again. */
function packaged(path: string): boolean {
  let included = false;
  for (const raw of config.files) {
    const negate = raw.startsWith("!");
    const pattern = negate ? raw.slice(1) : raw;
    const source = pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*\*\//g, "@DIRS@")
      .replace(/\*\*/g, "@ANY@")
      .replace(/\*/g, "[^/]*")
      .replace(/@DIRS@/g, "(?:.*/)?")
      .replace(/@ANY@/g, ".*");
    const re = new RegExp(`^${source}$`);
    if (re.test(path)) included = !negate;
  }
  return included;
}

describe("the installers", () => {
  it("are configured as electron-builder's own schema allows", async () => {
    await expect(validateConfiguration(structuredClone(config) as never, QUIET)).resolves.toBeUndefined();
    // The check bites: an option electron-builder does not know is refused.
    await expect(validateConfiguration({ ...structuredClone(config), linux: { ...config.linux, targets: ["AppImage"] } } as never, QUIET)).rejects.toThrow(/Invalid configuration/);
  });

  it("build AppImage and deb, dmg, and an NSIS installer", () => {
    expect(config.linux.target).toEqual(["AppImage", "deb"]);
    expect(config.mac.target).toEqual(["dmg"]);
    expect(config.win.target).toEqual(["nsis"]);
    expect(config.productName).toBe("Baton");
    expect(config.appId).toMatch(/^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*){2,}$/);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
  });

  it("register the deep-link scheme the app handles", () => {
    expect(config.protocols.flatMap((p) => p.schemes)).toEqual([DEEP_LINK_SCHEME]);
  });

  it("pack the app into an asar archive whose fuses the afterPack hook sets", async () => {
    expect(config.asar).toBe(true);
    // One place sets the fuses: the hook, with packaging/fuses.mjs's values (not electron-builder's electronFuses too).
    expect(config.electronFuses).toBeUndefined();
    expect(existsSync(join(ROOT, config.afterPack))).toBe(true);
    const hook = (await import(join(ROOT, config.afterPack))) as { default: unknown };
    expect(typeof hook.default).toBe("function");
    for (const platform of ["linux", "win32", "darwin"]) {
      const fuses = fusesFor(platform);
      for (const [fuse, on] of Object.entries(BATON_FUSES)) expect(fuses[fuse]).toBe(on);
    }
    expect(fusesFor("darwin").resetAdHocDarwinSignature).toBe(true);
    expect(fusesFor("linux").resetAdHocDarwinSignature).toBe(false);
  });

  it("find the packaged binary the fuses go into on each platform", () => {
    const names = { appOutDir: "/b", executableName: "baton", productFilename: "Baton" };
    expect(packagedBinary({ ...names, electronPlatformName: "linux" })).toBe("/b/baton");
    expect(packagedBinary({ ...names, electronPlatformName: "win32" })).toBe("/b/Baton.exe");
    expect(packagedBinary({ ...names, electronPlatformName: "darwin" })).toBe("/b/Baton.app");
  });

  it("hold the built app and nothing else: no sources, no browser-mode server, no source maps", () => {
    expect(pkg.main).toBe("out/main/index.js");
    for (const path of ["package.json", pkg.main, "out/preload/index.cjs", "out/renderer/index.html", "out/renderer/assets/index-abc.js"]) expect(packaged(path), path).toBe(true);
    for (const path of ["src/main/index.ts", "out/server/web.mjs", "out/main/index.js.map", "out/icons/icon.png", "e2e/electron.spec.ts", "bench/run.ts", ".ci/run", "out/tsc/electron.tsbuildinfo"]) expect(packaged(path), path).toBe(false);
  });

  it("never rebuild native modules (Baton has none; @electron/rebuild is a stand-in)", () => {
    expect(config.npmRebuild).toBe(false);
    expect(pkg.overrides["@electron/rebuild"]).toBe("file:vendor/no-electron-rebuild");
  });

  it("point electron-updater at the team's feed, in one value", () => {
    expect(config.publish).toHaveLength(1);
    expect(config.publish[0]!.provider).toBe("generic");
    expect(new URL(config.publish[0]!.url).protocol).toBe("https:");
    expect(pkg.dependencies["electron-updater"]).toBeDefined();
  });

  it("write into dist/ and are built by `npm run dist`", () => {
    expect(config.directories.output).toBe("dist");
    expect(readFileSync(join(ROOT, ".gitignore"), "utf8")).toMatch(/^dist\/$/m);
    expect(pkg.scripts.dist).toContain("electron-builder");
    expect(pkg.scripts.dist).toContain("packaging/make-icon.ts");
    expect(config.linux.icon).toBe("out/icons/icon.png");
  });

  it("get Baton's mark as their icon, a valid PNG", () => {
    const file = png(batonMark(16), 16);
    expect([...file.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(file.readUInt32BE(16)).toBe(16);
    const idat = file.indexOf("IDAT");
    const rows = inflateSync(file.subarray(idat + 4, idat + 4 + file.readUInt32BE(idat - 4)));
    expect(rows.length).toBe(16 * (16 * 4 + 1));
  });
});
