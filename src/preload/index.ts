/**
 * The bridge: the one small object the sandboxed renderer gets from Electron. It only
 * tells the window where its sync node listens (all data then flows over that socket)
 * and shows a desktop notification when a reminder is due.
 */
import { contextBridge, ipcRenderer } from "electron";
import type { Endpoint } from "../../shared/api";
import type { BatonBridge, ReminderNotification } from "../../shared/bridge";
import { ENDPOINT_CHANNEL, NOTIFY_CHANNEL } from "../../shared/ipc";

const bridge = {
  endpoint: () => ipcRenderer.invoke(ENDPOINT_CHANNEL) as Promise<Endpoint>,
  notify: (n: ReminderNotification) => ipcRenderer.invoke(NOTIFY_CHANNEL, { title: String(n.title), body: String(n.body) }) as Promise<void>,
  platform: "electron",
} satisfies BatonBridge;

contextBridge.exposeInMainWorld("baton", bridge);
