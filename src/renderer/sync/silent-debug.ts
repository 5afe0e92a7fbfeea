/**
 * The `debug` logger automerge-repo calls, made silent in the window (the renderer's build
 * resolves `debug` here: electron.vite.config.ts). The real package reads localStorage
 * while its module loads, to learn which loggers are on; the first touch of localStorage
 * in a window opens the page's storage synchronously, which took ~170 ms of a cold start
 * on a 2-core laptop, before the accounts list could be drawn. The sync node keeps the
 * real logger (DEBUG=automerge-repo:* on the node shows the same traffic from its side).
 */
export interface Debugger {
  (...args: unknown[]): void;
  enabled: boolean;
  namespace: string;
  extend(namespace: string, delimiter?: string): Debugger;
}

function createDebug(namespace: string): Debugger {
  const log = (() => undefined) as unknown as Debugger;
  log.enabled = false;
  log.namespace = namespace;
  log.extend = (more, delimiter = ":") => createDebug(`${namespace}${delimiter}${more}`);
  return log;
}

createDebug.enable = (_namespaces: string): void => undefined;
createDebug.disable = (): string => "";
createDebug.enabled = (_namespace: string): boolean => false;

export default createDebug;
