/**
 * The bridge: the one small object the sandboxed renderer gets from Electron. It only
 * tells the window where its sync node listens (all data then flows over that socket),
 * shows a desktop notification when a reminder is due, and saves the recap as PDF.
 */
import { contextBridge, ipcRenderer } from "electron";
import type { Endpoint } from "../../shared/api";
import type { BatonBridge, PdfRequest, PdfResult, ReminderNotification } from "../../shared/bridge";
import { ENDPOINT_CHANNEL, NOTIFY_CHANNEL, SAVE_PDF_CHANNEL } from "../../shared/ipc";

const bridge = {
  endpoint: () => ipcRenderer.invoke(ENDPOINT_CHANNEL) as Promise<Endpoint>,
  notify: (n: ReminderNotification) => ipcRenderer.invoke(NOTIFY_CHANNEL, { title: String(n.title), body: String(n.body) }) as Promise<void>,
  savePdf: (r: PdfRequest) => ipcRenderer.invoke(SAVE_PDF_CHANNEL, { html: String(r.html), fileName: String(r.fileName) }) as Promise<PdfResult>,
  platform: "electron",
} satisfies BatonBridge;

contextBridge.exposeInMainWorld("baton", bridge);
