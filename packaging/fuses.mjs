/**
 * Electron fuses for a packaged Baton: `node packaging/fuses.mjs <path-to-packaged-electron-binary> [--check]`.
 *
 * A packager runs this on the copied Electron binary before signing it (Electron's
 * security checklist: "Flip the fuses"). Fuses are bits baked into the binary that turn
 * features off for good, so a stolen shell cannot be reused as a general Node runtime or
 * debugged into:
 *   RunAsNode off                             ELECTRON_RUN_AS_NODE cannot turn the app into node
 *   EnableNodeOptionsEnvironmentVariable off  NODE_OPTIONS (e.g. --require evil.js) is ignored
 *   EnableNodeCliInspectArguments off         --inspect / --inspect-brk are ignored
 *   EnableEmbeddedAsarIntegrityValidation on  app.asar is checked against the hash in the binary
 *   OnlyLoadAppFromAsar on                    no loose app folder can replace app.asar
 *   EnableCookieEncryption on                 cookies at rest are encrypted with the OS keychain
 *   LoadBrowserProcessSpecificV8Snapshot off, GrantFileProtocolExtraPrivileges off (Baton serves baton://, not file://)
 *
 * The Electron binary cannot be downloaded on our build machines, so this runs only where
 * a packaged app exists; `--check` prints the fuse wire and exits 1 if it is not as above.
 * Asar integrity also needs the packager to write the asar hash into Info.plist/resources
 * (electron-builder and Electron Forge do; a hand-made package must use @electron/asar's
 * integrity header).
 */
import fuses from "@electron/fuses";

const { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } = fuses;
/** The wire's byte values ('0', '1', 'r'); @electron/fuses does not export its FuseState enum. */
const FuseState = { DISABLE: 48, ENABLE: 49, REMOVED: 114 };

export const BATON_FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** Fuses that differ from BATON_FUSES in the binary at `path` (names), [] when all are set. */
export async function wrongFuses(path) {
  const wire = await getCurrentFuseWire(path);
  const wrong = [];
  for (const [key, want] of Object.entries(BATON_FUSES)) {
    const index = Number(key);
    if (!Number.isInteger(index)) continue;
    const state = wire[index];
    if (state === FuseState.REMOVED) continue;
    if (state !== (want ? FuseState.ENABLE : FuseState.DISABLE)) wrong.push(FuseV1Options[index]);
  }
  return wrong;
}

async function main() {
  const [path, ...rest] = process.argv.slice(2);
  if (!path) {
    console.error("usage: node packaging/fuses.mjs <path-to-packaged-electron-binary> [--check]");
    process.exit(2);
  }
  if (!rest.includes("--check")) {
    const flipped = await flipFuses(path, BATON_FUSES);
    console.log(`fuses: set in ${flipped} fuse wire(s) of ${path}`);
  }
  const wrong = await wrongFuses(path);
  if (wrong.length) {
    console.error(`fuses: not as Baton needs them: ${wrong.join(", ")}`);
    process.exit(1);
  }
  console.log("fuses: RunAsNode, NODE_OPTIONS and --inspect off; asar integrity, asar-only and cookie encryption on.");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(`fuses: ${e.message}`);
    process.exit(1);
  });
}
