/**
 * What `isomorphic-ws` is in the window: the page's own WebSocket (its browser build
 * exports `globalThis.WebSocket`). Its shipped types describe Node's `ws` instead and, through
 * automerge-repo's WebSocket client adapter, would bring every Node global into the
 * renderer's program; tsconfig.renderer.json maps the module to this file.
 */
declare const WebSocket: typeof globalThis.WebSocket;
type WebSocket = globalThis.WebSocket;
declare namespace WebSocket {
  type MessageEvent = globalThis.MessageEvent;
  /** A browser reports a failed socket as a plain Event, with no detail. */
  type ErrorEvent = Event;
}
export default WebSocket;
