/**
 * Browser mode: `npm run web -- --data DIR --port N`. Starts the same sync node the
 * desktop app starts and serves the same built renderer from it, so a browser exercises
 * the same renderer, node and wire as Electron (DESIGN.md "One transport").
 *
 * The address it prints carries a one-time ticket (node/api/page-login.ts): only whoever
 * sees this terminal can open the app; once used, the next address is printed.
 */
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { DataFolderError, SyncNode } from "../node/sync-node";
import { parseArgs } from "./cli-args";
import { keepRunningOnBackgroundFailures } from "../node/process-guards";
import { openInBrowser } from "./open-browser";

/** Default data folder of browser mode (the desktop app uses Electron's userData folder). */
export const DEFAULT_WEB_DATA = join(homedir(), ".baton", "web");

async function main(): Promise<void> {
  keepRunningOnBackgroundFailures((line) => console.error(`baton: ${line}`));
  let args: Record<string, string>;
  try {
    args = parseArgs(process.argv.slice(2), { data: "string", port: "port", "meeting-host": "string", "meeting-advertise": "string", "mdns-port": "port", open: "flag" });
  } catch (e) {
    console.error(`web: ${(e as Error).message}`);
    process.exit(2);
  }
  const dataDir = resolve(args.data ?? process.env.BATON_DATA ?? DEFAULT_WEB_DATA);
  let node: SyncNode;
  try {
    node = await SyncNode.start({
      dataDir,
      port: Number(args.port ?? 5391),
      staticDir: resolve(import.meta.dirname, "../../out/renderer"),
      meetingBind: args["meeting-host"] ?? "0.0.0.0",
      meetingAdvertise: args["meeting-advertise"],
      // Meetings nearby (mDNS) use the meeting's interfaces; another port keeps test laptops off the real 5353.
      mdnsPort: args["mdns-port"] !== undefined ? Number(args["mdns-port"]) : undefined,
      log: (line) => console.error(`baton: ${line}`),
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (e instanceof DataFolderError) console.error(`web: ${err.message}`);
    else if (err.code === "EADDRINUSE") console.error(`web: port ${args.port ?? 5391} is already in use; pick another with --port N (0 for any free port).`);
    else console.error(`web: ${err.message}`);
    process.exit(1);
  }
  const login = node.pageLogin!;
  login.onTerminalLinkUsed = (next) => console.log(`That address has been used (it works once). For another window, open: ${next}`);
  const link = login.terminalLink();
  console.log(`Baton (browser mode) is running at ${link}`);
  console.log(`Open that address in a browser: it works once, and the window keeps what it needs. Data folder: ${dataDir}. Press Ctrl+C to stop.`);
  // `npm start`: the default browser opens it, where there is one.
  if (args.open) openInBrowser(link);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await node.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

void main();
