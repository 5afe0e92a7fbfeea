/**
 * The bridge: the one small object the sandboxed renderer gets from Electron. It tells
 * the window where its sync node listens (all data then flows over that socket), passes
 * on the commands of the menu, deep links and clicked reminders, and saves the recap as PDF.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from "electron";
import type { Endpoint } from "../../shared/api";
import { checkAppCommand, type AppCommand } from "../../shared/app-commands";
import type { BatonBridge, PdfRequest, PdfResult } from "../../shared/bridge";
import { COMMAND_CHANNEL, COMMANDS_READY_CHANNEL, ENDPOINT_CHANNEL, SAVE_PDF_CHANNEL } from "../../shared/ipc";

const bridge = {
  endpoint: () => ipcRenderer.invoke(ENDPOINT_CHANNEL) as Promise<Endpoint>,
  onCommand: (listener: (command: AppCommand) => void) => {
    // Only main can send to this channel; what it sends is still checked before the page sees it.
    const handler = (_event: IpcRendererEvent, input: unknown) => {
      const command = checkAppCommand(input);
      if (command) listener(command);
    };
    ipcRenderer.on(COMMAND_CHANNEL, handler);
    void ipcRenderer.invoke(COMMANDS_READY_CHANNEL);
    return () => void ipcRenderer.off(COMMAND_CHANNEL, handler);
  },
  savePdf: (r: PdfRequest) => ipcRenderer.invoke(SAVE_PDF_CHANNEL, { html: String(r.html), fileName: String(r.fileName) }) as Promise<PdfResult>,
  platform: "electron",
} satisfies BatonBridge;

contextBridge.exposeInMainWorld("baton", bridge);
