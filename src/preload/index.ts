/**
 * The bridge: the one small object the sandboxed renderer gets from Electron. It only
 * tells the window where its sync node listens; all data then flows over that socket.
 */
import { contextBridge, ipcRenderer } from "electron";
import type { Endpoint } from "../../shared/api";
import type { BatonBridge } from "../../shared/bridge";
import { ENDPOINT_CHANNEL } from "../../shared/ipc";

const bridge = {
  endpoint: () => ipcRenderer.invoke(ENDPOINT_CHANNEL) as Promise<Endpoint>,
  platform: "electron",
} satisfies BatonBridge;

contextBridge.exposeInMainWorld("baton", bridge);
