/**
 * The bridge: the one small object the sandboxed renderer gets from Electron. It only
 * tells the window where its sync node listens (all data then flows over that socket)
 * and saves the recap as PDF. Reminders are shown by main, from the sync node.
 */
import { contextBridge, ipcRenderer } from "electron";
import type { Endpoint } from "../../shared/api";
import type { BatonBridge, PdfRequest, PdfResult } from "../../shared/bridge";
import { ENDPOINT_CHANNEL, SAVE_PDF_CHANNEL } from "../../shared/ipc";

const bridge = {
  endpoint: () => ipcRenderer.invoke(ENDPOINT_CHANNEL) as Promise<Endpoint>,
  savePdf: (r: PdfRequest) => ipcRenderer.invoke(SAVE_PDF_CHANNEL, { html: String(r.html), fileName: String(r.fileName) }) as Promise<PdfResult>,
  platform: "electron",
} satisfies BatonBridge;

contextBridge.exposeInMainWorld("baton", bridge);
