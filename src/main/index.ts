/**
 * Electron main: the thin shell. It starts the sync node on the userData folder, opens
 * one hardened window where it was left, and wires what only a desktop app has: the menu
 * and context menu, the tray that keeps reminders coming with the window closed, desktop
 * notifications, deep links, log files and crash handling. What it decides lives in plain
 * modules beside it (menu, context-menu, window-state, deep-link, tray, crash, diagnostics),
 * tested without Electron; the node is flushed before the app quits.
 */
import { app, BrowserWindow, clipboard, crashReporter, dialog, ipcMain, Menu, nativeImage, Notification, screen, shell, Tray } from "electron";
import log from "electron-log/main";
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import type { AppCommand } from "../../shared/app-commands";
import { APP_ORIGIN, COMMAND_CHANNEL, COMMANDS_READY_CHANNEL, ENDPOINT_CHANNEL, SAVE_PDF_CHANNEL } from "../../shared/ipc";
import type { DueReminder } from "../../shared/queries/reminders";
import { DataFolderError, SyncNode } from "../node/sync-node";
import { levelOfLine } from "../node/log-level";
import { keepRunningOnBackgroundFailures } from "../node/process-guards";
import { registerAppScheme, serveRenderer } from "./app-protocol";
import { contextMenu } from "./context-menu";
import { gonePrompt, hungPrompt, type ReloadPrompt } from "./crash";
import { commandForDeepLink, deepLinkIn, DEEP_LINK_SCHEME } from "./deep-link";
import { diagnosticsText } from "./diagnostics";
import { batonMark, toBgra } from "./icon";
import { autostartEntry, HIDDEN_ARG } from "./login-item";
import { logFolderProblem, MAX_LOG_BYTES } from "./logs";
import { applicationMenu } from "./menu";
import { hardenApp, isTrustedSender } from "./security";
import { savePdf } from "./save-pdf";
import { onWindowClose, trayMenu } from "./tray";
import { checkForUpdates } from "./updates";
import { loadWindowState, MIN_SIZE, saveWindowState, windowBounds, type WindowState } from "./window-state";
import { WORDS } from "./words";

// The dev server URL is honoured only in development: a packaged app never loads from a URL in its environment.
const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
/** `npm run dev`: reload and developer tools exist only then. */
const dev = devUrl !== undefined;
const userData = app.getPath("userData");
const logsDir = join(userData, "logs");
const dataDir = process.env.BATON_DATA ?? join(userData, "data");

let node: SyncNode | null = null;
let win: BrowserWindow | null = null;
let tray: Tray | null = null;
let quitting = false;
let windowState: WindowState | null = null;
/** Commands for the window, held until it listens (a deep link can arrive before it has loaded). */
const pending: AppCommand[] = [];
let windowListens = false;
const startedAt = Date.now();
/** Notifications must stay referenced, or their click handler can be collected. */
const shown = new Set<Notification>();

// Windows ties notifications (and their click, which opens the call) to this id.
if (process.platform === "win32") app.setAppUserModelId("app.baton.desktop");
// Crash reports stay on this machine (userData/Crashpad): nothing is uploaded.
crashReporter.start({ uploadToServer: false });
registerAppScheme();
// Until the log folder is known to be writable, lines go to the console only.
log.transports.file.level = false;
log.transports.file.maxSize = MAX_LOG_BYTES;
log.transports.file.resolvePathFn = () => join(logsDir, "main.log");
keepRunningOnBackgroundFailures((line) => log.error(line));

if (!app.requestSingleInstanceLock()) {
  // A second copy would write the same data folder: it hands its arguments (a deep link) to the first and ends.
  app.quit();
} else {
  app.on("second-instance", (_event, argv) => {
    const link = deepLinkIn(argv);
    if (link) send(commandForDeepLink(link));
    // Still starting: the window opens once the node is up.
    else if (node) showWindow();
  });
  // macOS hands deep links over as events, also before the app is ready.
  app.on("open-url", (event, url) => {
    event.preventDefault();
    send(commandForDeepLink(url));
  });
  const first = deepLinkIn(process.argv);
  if (first) pending.push(commandForDeepLink(first));
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  await setUpLogFile();
  log.info(`Baton ${app.getVersion()} (Electron ${process.versions.electron}) starting; data in ${dataDir}`);
  registerProtocolClient();
  hardenApp();
  serveRenderer(join(__dirname, "../renderer"));
  app.setAboutPanelOptions({
    applicationName: WORDS.appName,
    applicationVersion: app.getVersion(),
    version: `Electron ${process.versions.electron}`,
    credits: WORDS.about.credits,
    copyright: WORDS.about.copyright,
  });
  const nodeLog = log.scope("node");
  try {
    node = await SyncNode.start({ dataDir, allowedOrigins: [APP_ORIGIN, ...(devUrl ? [new URL(devUrl).origin] : [])], log: (line) => nodeLog[levelOfLine(line)](line) });
  } catch (e) {
    const message = e instanceof DataFolderError ? e.message : `Baton could not start its sync node: ${(e as Error).message}`;
    log.error(message);
    dialog.showErrorBox("Baton cannot start", message);
    app.exit(1);
    return;
  }
  ipcMain.handle(ENDPOINT_CHANNEL, (event) => {
    if (!isTrustedSender(event, devUrl) || !node) throw new Error("refused");
    return node.endpoint();
  });
  ipcMain.handle(COMMANDS_READY_CHANNEL, (event) => {
    if (!isTrustedSender(event, devUrl) || event.sender !== win?.webContents) throw new Error("refused");
    windowListens = true;
    flushCommands();
  });
  // The customer recap as PDF: rendered and saved by main (browser mode prints instead).
  ipcMain.handle(SAVE_PDF_CHANNEL, (event, input: unknown) => {
    if (!isTrustedSender(event, devUrl)) throw new Error("refused");
    return savePdf(input, BrowserWindow.fromWebContents(event.sender));
  });

  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenu({ platform: process.platform, dev }, { send, openLogs, copyDiagnostics })));
  windowState = await loadWindowState(userData);
  createTray();
  // Started at login: stay in the tray until asked (reminders come either way).
  if (!(startedAtLogin() && tray) || pending.length) createWindow();
  app.on("activate", () => showWindow());
  // Reminders: the node says when (src/node/reminders/); main claims each (once per person) and shows it.
  const schedule = node.reminderSchedule;
  const remind = (reminders: DueReminder[]) => {
    for (const r of reminders) void schedule.claim(r.key).then((first) => first && showReminder(r));
  };
  schedule.onDue(remind);
  // What fell due while Baton was closed, or during the start.
  remind(schedule.due());
  void checkForUpdates(log.scope("updates"));
}

async function setUpLogFile(): Promise<void> {
  const problem = await logFolderProblem(logsDir);
  if (problem === null) {
    log.transports.file.level = "info";
    return;
  }
  const message = WORDS.logsUnwritable(logsDir, problem);
  log.warn(message);
  // Said once, without stopping the start.
  void app.whenReady().then(() => dialog.showMessageBox({ type: "warning", title: WORDS.appName, message }));
}

function registerProtocolClient(): void {
  // Run from a checkout (`electron .`), the OS must start Electron with the app's folder.
  const ok = process.defaultApp && process.argv[1] ? app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [resolve(process.argv[1])]) : app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  if (!ok) log.warn(`could not register Baton for ${DEEP_LINK_SCHEME}:// links`);
}

function createWindow(): BrowserWindow {
  const bounds = windowBounds(windowState, displaysPrimaryFirst());
  const w = new BrowserWindow({
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: WORDS.appName,
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
      spellcheck: true,
      devTools: dev,
    },
  });
  win = w;
  windowListens = false;
  w.once("ready-to-show", () => {
    if (bounds.maximized) w.maximize();
    w.show();
  });
  // A reload (or a crash) starts a new page: hold commands until it listens again.
  w.webContents.on("did-start-loading", () => (windowListens = false));
  w.webContents.on("context-menu", (_event, params) => {
    const items = contextMenu(params, {
      replaceMisspelling: (word) => w.webContents.replaceMisspelling(word),
      addToDictionary: (word) => w.webContents.session.addWordToSpellCheckerDictionary(word),
    });
    if (items.length) Menu.buildFromTemplate(items).popup({ window: w });
  });
  watchForCrashes(w);
  let saveTimer: NodeJS.Timeout | null = null;
  const remember = () => {
    if (w.isDestroyed()) return;
    const b = w.getNormalBounds();
    windowState = { ...b, maximized: w.isMaximized() };
    void saveWindowState(userData, windowState).catch((e: Error) => log.warn(`could not save the window's place: ${e.message}`));
  };
  const rememberSoon = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(remember, 500);
  };
  for (const e of ["resize", "move", "maximize", "unmaximize"] as const) w.on(e as "resize", rememberSoon);
  w.on("close", (event) => {
    remember();
    if (onWindowClose({ platform: process.platform, hasTray: tray !== null, quitting }) === "hide") {
      event.preventDefault();
      w.hide();
    }
  });
  w.on("closed", () => {
    if (win === w) win = null;
  });
  void w.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
  return w;
}

function displaysPrimaryFirst() {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
}

function showWindow(): BrowserWindow {
  const w = win && !win.isDestroyed() ? win : createWindow();
  if (w.isMinimized()) w.restore();
  if (!w.isVisible() && w.webContents.isLoading() === false) w.show();
  w.focus();
  return w;
}

/** Hand a command to the window, opening it first when needed. */
function send(command: AppCommand): void {
  pending.push(command);
  if (!app.isReady() || !node) return;
  showWindow();
  flushCommands();
}

function flushCommands(): void {
  if (!win || win.isDestroyed() || !windowListens) return;
  for (const command of pending.splice(0)) win.webContents.send(COMMAND_CHANNEL, command);
}

function watchForCrashes(w: BrowserWindow): void {
  let asking = false;
  const ask = async (prompt: ReloadPrompt) => {
    if (asking || w.isDestroyed()) return;
    asking = true;
    try {
      const { response } = await dialog.showMessageBox(w, { type: "warning", title: WORDS.crashed.title, message: prompt.message, buttons: prompt.buttons, defaultId: prompt.reload, noLink: true });
      if (response === prompt.reload && !w.isDestroyed()) w.webContents.reload();
    } finally {
      asking = false;
    }
  };
  w.webContents.on("render-process-gone", (_event, details) => {
    log.error(`the window's renderer stopped: ${details.reason} (exit code ${details.exitCode})`);
    const prompt = gonePrompt(details.reason);
    if (prompt) void ask(prompt);
  });
  w.on("unresponsive", () => {
    log.warn("the window is not responding");
    void ask(hungPrompt());
  });
}

function showReminder(r: DueReminder): void {
  // A call opens its guide; a milestone, commitment or invoice its account.
  const open = () => (r.kind === "call" ? send({ type: "open-call", documentId: r.documentId, followUpId: r.itemId }) : send({ type: "open-account", documentId: r.documentId }));
  // No notification service (some Linux desktops): the window comes forward on the call instead.
  if (!Notification.isSupported()) {
    open();
    return;
  }
  let title: string;
  let body: string;
  if (r.kind === "call" && r.purpose) {
    const missed = Date.parse(r.agreedTime) < startedAt - 60_000;
    const when = new Date(r.agreedTime).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
    title = WORDS.reminder.title(r.purpose, r.accountName, missed, Date.parse(r.agreedTime) > Date.now());
    body = WORDS.reminder.body(when, r.reason);
  } else {
    const day = new Date(`${r.dueDate ?? r.agreedTime.slice(0, 10)}T12:00:00Z`).toLocaleDateString(undefined, { dateStyle: "medium", timeZone: "UTC" });
    title = WORDS.reminder.dueTitle(r.kind === "call" ? "commitment" : r.kind, r.accountName);
    body = WORDS.reminder.dueBody(day, r.reason);
  }
  const n = new Notification({ title: title.slice(0, 120), body: body.slice(0, 400) });
  shown.add(n);
  n.on("click", open);
  n.on("close", () => shown.delete(n));
  n.show();
  log.info(`reminder shown: ${r.key}`);
}

// ---- tray and start at login -------------------------------------------------------

const autostartFile = join(homedir(), ".config", "autostart", "baton.desktop");

function startsAtLogin(): boolean {
  // Windows matches the login item by its arguments too: ask for the one Baton registers.
  return process.platform === "linux" ? existsSync(autostartFile) : app.getLoginItemSettings({ args: [HIDDEN_ARG] }).openAtLogin;
}

/** Started at login: macOS passes no arguments to a login item, so it says so itself. */
function startedAtLogin(): boolean {
  return process.argv.includes(HIDDEN_ARG) || (process.platform === "darwin" && app.getLoginItemSettings().wasOpenedAtLogin === true);
}

async function setStartAtLogin(on: boolean): Promise<void> {
  try {
    if (process.platform === "linux") {
      if (on) {
        await mkdir(join(homedir(), ".config", "autostart"), { recursive: true });
        await writeFile(autostartFile, autostartEntry(process.env.APPIMAGE ?? process.execPath));
      } else await rm(autostartFile, { force: true });
    } else app.setLoginItemSettings({ openAtLogin: on, args: [HIDDEN_ARG] });
  } catch (e) {
    log.warn(`could not change start at login: ${(e as Error).message}`);
  }
  tray?.setContextMenu(Menu.buildFromTemplate(trayMenu(startsAtLogin(), trayActions)));
}

const trayActions = {
  open: () => void showWindow(),
  setStartAtLogin: (on: boolean) => void setStartAtLogin(on),
  quit: () => app.quit(),
};

function createTray(): void {
  try {
    const size = process.platform === "darwin" ? 18 : 32;
    const image = nativeImage.createFromBitmap(Buffer.from(toBgra(batonMark(size))), { width: size, height: size });
    tray = new Tray(image);
    tray.setToolTip(WORDS.tray.tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(trayMenu(startsAtLogin(), trayActions)));
    tray.on("click", () => void showWindow());
  } catch (e) {
    // Some Linux desktops have no tray: closing the window then quits, as it did before.
    log.warn(`no tray icon: ${(e as Error).message}`);
    tray = null;
  }
}

// ---- Help ---------------------------------------------------------------------------

function openLogs(): void {
  void shell.openPath(logsDir).then((problem) => problem && log.warn(`could not open the logs folder: ${problem}`));
}

function copyDiagnostics(): void {
  clipboard.writeText(
    diagnosticsText({ appVersion: app.getVersion(), versions: process.versions, platform: process.platform, arch: process.arch, dataDir, logsDir, status: node?.handlers.status() ?? null }),
  );
  if (Notification.isSupported()) new Notification({ title: WORDS.appName, body: WORDS.diagnosticsCopied }).show();
}

// ---- quitting ----------------------------------------------------------------------

app.on("window-all-closed", () => {
  if (process.platform !== "darwin") app.quit();
});

// Flush every edit to disk before the process ends.
app.on("before-quit", (event) => {
  quitting = true;
  if (!node) return;
  event.preventDefault();
  const n = node;
  node = null;
  void n.stop().finally(() => app.quit());
});
