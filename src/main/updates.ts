/**
 * Updates of the installed app (electron-updater): it asks the feed the team hosts — the
 * `publish` URL in electron-builder.json, copied into the app as app-update.yml — and
 * installs a newer version when the person next quits. Only a packaged app updates; a
 * feed that cannot be reached is a line in the log, never an error for the person.
 */
import { app } from "electron";
import electronUpdater from "electron-updater";

interface Logger {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export async function checkForUpdates(log: Logger): Promise<void> {
  if (!app.isPackaged || process.env.BATON_NO_UPDATES) return;
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = log;
  try {
    await autoUpdater.checkForUpdatesAndNotify();
  } catch (e) {
    log.warn(`update check failed: ${(e as Error).message}`);
  }
}
