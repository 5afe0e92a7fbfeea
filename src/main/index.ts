/**
 * Electron main: the thin shell. It starts the sync node on the userData folder, opens
 * one hardened window, answers the bridge (where is my sync node? save the recap as PDF),
 * shows the reminders the node announces as desktop notifications, and flushes storage
 * before the app quits.
 */
import { app, BrowserWindow, dialog, ipcMain, Notification } from "electron";
import { join } from "node:path";
import { APP_ORIGIN, ENDPOINT_CHANNEL, SAVE_PDF_CHANNEL } from "../../shared/ipc";
import type { DueReminder } from "../../shared/queries/reminders";
import { DataFolderError, SyncNode } from "../node/sync-node";
import { keepRunningOnBackgroundFailures } from "../node/process-guards";
import { registerAppScheme, serveRenderer } from "./app-protocol";
import { hardenApp, isTrustedSender } from "./security";
import { savePdf } from "./save-pdf";

// The dev server URL is honoured only in development: a packaged app never loads from a URL in its environment.
const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
let node: SyncNode | null = null;
let quitting = false;

registerAppScheme();
keepRunningOnBackgroundFailures((line) => console.error(`baton: ${line}`));

if (!app.requestSingleInstanceLock()) {
  // A second copy would write the same data folder: hand over to the first one.
  app.quit();
} else {
  app.on("second-instance", () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  hardenApp();
  serveRenderer(join(__dirname, "../renderer"));
  const dataDir = process.env.BATON_DATA ?? join(app.getPath("userData"), "data");
  try {
    node = await SyncNode.start({ dataDir, allowedOrigins: [APP_ORIGIN, ...(devUrl ? [new URL(devUrl).origin] : [])] });
  } catch (e) {
    const message = e instanceof DataFolderError ? e.message : `Baton could not start its sync node: ${(e as Error).message}`;
    dialog.showErrorBox("Baton cannot start", message);
    app.exit(1);
    return;
  }
  ipcMain.handle(ENDPOINT_CHANNEL, (event) => {
    if (!isTrustedSender(event, devUrl) || !node) throw new Error("refused");
    return node.endpoint();
  });
  // Reminders: the node decides when (src/node/reminders/); main claims each (once per person) and shows it.
  const schedule = node.reminderSchedule;
  const remind = (reminders: DueReminder[]) => {
    for (const r of reminders) void schedule.claim(r.key).then((first) => first && showReminder(r));
  };
  schedule.onDue(remind);
  remind(schedule.due());
  // The customer recap as PDF: rendered and saved by main (browser mode prints instead).
  ipcMain.handle(SAVE_PDF_CHANNEL, (event, input: unknown) => {
    if (!isTrustedSender(event, devUrl)) throw new Error("refused");
    return savePdf(input, BrowserWindow.fromWebContents(event.sender));
  });
  createWindow();
  app.on("activate", () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 560,
    title: "Baton",
    show: false,
    webPreferences: {
      preload: join(__dirname, "../preload/index.cjs"),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    },
  });
  win.once("ready-to-show", () => win.show());
  void win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
}

const PURPOSE: Record<DueReminder["purpose"], string> = { "follow-up": "Follow-up call", call: "Call", "most-important-call": "Most important call", "handoff-meeting": "Handoff meeting" };
const startedAt = Date.now();
/** Notifications must stay referenced, or their click handler can be collected. */
const shown = new Set<Notification>();

function showReminder(r: DueReminder): void {
  if (!Notification.isSupported()) return;
  const missed = Date.parse(r.agreedTime) < startedAt - 60_000;
  const when = new Date(r.agreedTime).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  const n = new Notification({ title: `${missed ? "Missed" : "Due now"}: ${PURPOSE[r.purpose] ?? "Call"} — ${r.accountName}`.slice(0, 120), body: `Agreed for ${when}${r.reason ? `. ${r.reason}` : ""}`.slice(0, 400) });
  shown.add(n);
  n.on("click", () => {
    const win = BrowserWindow.getAllWindows()[0] ?? (createWindow(), BrowserWindow.getAllWindows()[0]);
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });
  n.on("close", () => shown.delete(n));
  n.show();
}

app.on("window-all-closed", () => {
  if (process.platform !== "darwin") app.quit();
});

// Flush every edit to disk before the process ends.
app.on("before-quit", (event) => {
  if (quitting || !node) return;
  event.preventDefault();
  quitting = true;
  void node.stop().finally(() => app.quit());
});
