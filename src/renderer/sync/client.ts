/**
 * The window's connection to its sync node, as one store the UI subscribes to:
 * the node's status and account summaries (live, from the server-sent event stream),
 * whether the node is reachable, and whether the open account's edits have reached it.
 */
import type { DocHandle, UrlHeads } from "@automerge/automerge-repo/slim";
import type { AccountSummary, DueReminder, Endpoint, JobProgress, NodeEvent, NodeStatus } from "../../../shared";
import { createApi, messageOf, type WindowApi } from "./api";
import { createWindowRepo, type NodeLink, type WindowRepo } from "./repo";
import { startAhead, type StartAhead } from "./start-ahead";

export interface ClientState {
  status: NodeStatus | null;
  accounts: AccountSummary[] | null;
  /** The node's event stream is open. */
  eventsOnline: boolean;
  /** Why the node could not be reached, when it could not. */
  problem: string | null;
  /** The document WebSocket to the node. */
  link: NodeLink;
  /** Edits of the open account that the node has not acknowledged yet; null with no account open. */
  unsaved: boolean | null;
  /** Reminders the node announced as due (it keeps the schedule), newest announcement last. */
  dueReminders: DueReminder[];
}

/** `warm` and `opening`: accounts started while the pointer rests on their rows (start-ahead.ts). */
export interface BatonClient extends StartAhead {
  api: WindowApi;
  windowRepo: WindowRepo;
  getState(): ClientState;
  subscribe(listener: () => void): () => void;
  /** Ask the node again for status and accounts (after an API call that changes them). */
  refresh(): Promise<void>;
  /** Follow whether the account on screen is on this device's disk yet; returns a function to stop. */
  track(handle: DocHandle<unknown>): () => void;
  close(): void;
}

/** The node's event stream, opened before the client existed, with what it said meanwhile. */
export interface EarlyEvents {
  source: EventSource;
  /** Messages that arrived before the client listened, oldest first. */
  missed: MessageEvent<string>[];
  /** The stream failed at least once before the client listened (it may be retrying). */
  failed: boolean;
}

function sameHeads(a: UrlHeads, b: UrlHeads): boolean {
  if (a.length !== b.length) return false;
  const set = new Set<string>(a);
  return b.every((h) => set.has(h));
}

function isNodeEvent(value: unknown): value is NodeEvent {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { type?: unknown; status?: unknown; accounts?: unknown; changed?: unknown; documentId?: unknown; heads?: unknown; reminders?: unknown };
  if (v.type === "status") return typeof v.status === "object" && v.status !== null;
  if (v.type === "accounts") return Array.isArray(v.accounts);
  if (v.type === "accounts-changed") return Array.isArray(v.changed);
  if (v.type === "saved") return typeof v.documentId === "string" && Array.isArray(v.heads) && v.heads.every((h) => typeof h === "string");
  if (v.type === "reminders-due") return Array.isArray(v.reminders) && v.reminders.every(isDueReminder);
  if (v.type === "job") return isJob((value as { job?: unknown }).job);
  return false;
}

function isJob(value: unknown): value is JobProgress {
  if (typeof value !== "object" || value === null) return false;
  const j = value as Record<string, unknown>;
  return typeof j.job === "string" && typeof j.state === "string" && typeof j.done === "number" && typeof j.total === "number";
}

/** The status with one job's progress put in (a job event between two status events). */
function withJob(status: NodeStatus | null, job: JobProgress): NodeStatus | null {
  if (!status) return status;
  return { ...status, jobs: [...(status.jobs ?? []).filter((j) => j.job !== job.job), job] };
}

function isDueReminder(value: unknown): value is DueReminder {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    ["key", "kind", "documentId", "accountName", "itemId", "agreedTime", "timeZone", "reason", "remindAt"].every((k) => typeof r[k] === "string") &&
    (r.purpose === null || typeof r.purpose === "string") &&
    (r.dueDate === null || typeof r.dueDate === "string")
  );
}

/** The account list with `changed` summaries put in (by id), in the node's order: by name. */
function withChanged(accounts: AccountSummary[] | null, changed: AccountSummary[]): AccountSummary[] | null {
  if (!accounts) return accounts;
  const byId = new Map(accounts.map((a) => [a.documentId, a]));
  for (const a of changed) byId.set(a.documentId, a);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.documentId.localeCompare(b.documentId));
}

/** The reminders announced so far with `fresh` added (by key; the latest hundred are plenty to show). */
function withNew(known: DueReminder[], fresh: DueReminder[]): DueReminder[] {
  const keys = new Set(known.map((r) => r.key));
  const added = fresh.filter((r) => !keys.has(r.key));
  return added.length ? [...known, ...added].slice(-100) : known;
}

/**
 * @param rediscover asks again where the node listens, for when it restarted with a
 * new port or token (browser mode host restarted, or Electron restarted its node).
 * @param engine Automerge's wasm being initialised: the client serves the node's status
 * and summaries at once, and documents once it is ready.
 * @param early the node's event stream when the window opened it already; else the client opens it.
 */
export function createClient(initial: Endpoint, rediscover: () => Promise<Endpoint>, engine: Promise<void>, early?: EarlyEvents): BatonClient {
  let endpoint = initial;
  const api = createApi(() => endpoint);
  const windowRepo = createWindowRepo(endpoint.wsUrl, engine);
  let state: ClientState = {
    status: null,
    accounts: null,
    eventsOnline: false,
    problem: null,
    link: windowRepo.link(),
    unsaved: null,
    dueReminders: [],
  };
  // The heads of each account this device's node has written to disk, from its "saved" events.
  const saved = new Map<string, UrlHeads>();
  const savedListeners = new Set<(documentId: string) => void>();
  const listeners = new Set<() => void>();
  const set = (patch: Partial<ClientState>) => {
    // The node sends its status and the account list often (every 100 ms while someone types):
    // parts that did not change keep their identity, so screens that read them skip a redraw.
    const next = { ...state, ...patch, status: keepUnchanged(state.status, patch.status ?? state.status), accounts: keepUnchanged(state.accounts, patch.accounts ?? state.accounts) };
    if ((Object.keys(next) as (keyof ClientState)[]).every((k) => next[k] === state[k])) return;
    state = next;
    for (const l of listeners) l();
  };
  const stopLink = windowRepo.onLinkChange(() => set({ link: windowRepo.link() }));

  // Events counted as they arrive: a reply to `refresh` that left before the latest event is older than it.
  let eventsSeen = 0;
  async function refresh(): Promise<void> {
    const before = eventsSeen;
    try {
      const [status, accounts] = await Promise.all([api.status(), api.accounts()]);
      if (eventsSeen === before) set({ status, accounts, problem: null });
    } catch (e) {
      set({ problem: messageOf(e) });
    }
  }

  // Server-sent events; EventSource retries by itself unless the node refused the
  // stream outright (then it closes), so reopen it ourselves with a short delay.
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  async function followNode(): Promise<void> {
    try {
      const next = await rediscover();
      if (next.token !== endpoint.token || next.httpUrl !== endpoint.httpUrl || next.wsUrl !== endpoint.wsUrl) {
        const moved = next.wsUrl !== endpoint.wsUrl;
        endpoint = next;
        if (moved) windowRepo.moveTo(next.wsUrl);
      }
    } catch {
      // The host itself is down: keep the old address and try again later.
    }
  }

  function openEvents(opened?: EarlyEvents): void {
    if (closed) return;
    source = opened?.source ?? new EventSource(api.eventsUrl());
    // The stream opens with the status and the whole list (and again after a reconnect),
    // so its opening asks for neither again: at 10,000 accounts each list is ~16 MB of JSON.
    source.onopen = () => set({ eventsOnline: true });
    source.onmessage = (event: MessageEvent<string>) => {
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      if (!isNodeEvent(data)) return;
      eventsSeen++;
      if (data.type === "status") set({ status: data.status, problem: null });
      else if (data.type === "accounts") set({ accounts: data.accounts, problem: null });
      else if (data.type === "accounts-changed") set({ accounts: withChanged(state.accounts, data.changed), problem: null });
      else if (data.type === "reminders-due") set({ dueReminders: withNew(state.dueReminders, data.reminders) });
      else if (data.type === "job") set({ status: withJob(state.status, data.job) });
      else {
        saved.set(data.documentId, data.heads as UrlHeads);
        for (const l of savedListeners) l(data.documentId);
      }
    };
    source.onerror = () => {
      set({ eventsOnline: false });
      // Never heard from the node: ask it directly, so an unreachable node is said, not awaited.
      if (state.status === null && state.problem === null) void refresh();
      if (source?.readyState === EventSource.CLOSED) {
        source.close();
        // Refused outright: the node may have restarted with a new token. Ask where it is now.
        retry ??= setTimeout(() => {
          void followNode().then(() => {
            retry = null;
            void refresh();
            openEvents();
          });
        }, 2000);
      }
    };
    if (!opened) return;
    // Opened before this client listened: catch up with what it has said and how it stands.
    for (const event of opened.missed.splice(0)) source.onmessage(event);
    if (source.readyState === EventSource.OPEN) set({ eventsOnline: true });
    else if (source.readyState === EventSource.CLOSED || opened.failed) source.onerror(new Event("error"));
  }
  // The stream opens with the status and the list; they are asked for apart only if it fails first.
  openEvents(early);

  const ahead = startAhead(windowRepo, api);

  function track(handle: DocHandle<unknown>): () => void {
    // Only the node's "saved" event counts — heads in the node's memory would not survive a
    // kill, and what this window holds may include its own edits still on their way. The
    // node says which heads are on disk as soon as it has loaded an account.
    let durable: UrlHeads | null = saved.get(handle.documentId) ?? null;
    const update = () => {
      const unsaved = durable === null || !sameHeads(handle.heads(), durable);
      if (unsaved !== state.unsaved) set({ unsaved });
    };
    const onSaved = (documentId: string) => {
      if (documentId !== handle.documentId) return;
      durable = saved.get(documentId) ?? durable;
      update();
    };
    update();
    handle.on("heads-changed", update);
    savedListeners.add(onSaved);
    const stop = windowRepo.onLinkChange(update);
    return () => {
      handle.off("heads-changed", update);
      savedListeners.delete(onSaved);
      stop();
      set({ unsaved: null });
    };
  }

  return {
    api,
    windowRepo,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh,
    warm: ahead.warm,
    opening: ahead.opening,
    track,
    close() {
      closed = true;
      source?.close();
      if (retry) clearTimeout(retry);
      stopLink();
      windowRepo.close();
    },
  };
}

/**
 * `next`, with every part that is equal by value to the same part of `prev` replaced by
 * `prev`'s object (JSON-like data: the node's status and summaries).
 */
export function keepUnchanged<T>(prev: T, next: T): T {
  if (Object.is(prev, next)) return prev;
  if (typeof prev !== "object" || typeof next !== "object" || prev === null || next === null) return next;
  if (Array.isArray(prev) !== Array.isArray(next)) return next;
  if (Array.isArray(prev) && Array.isArray(next)) {
    const merged = next.map((item: unknown, i) => keepUnchanged(prev[i] as unknown, item));
    return (merged.length === prev.length && merged.every((item, i) => item === prev[i]) ? prev : merged) as T;
  }
  const p = prev as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  const keys = Object.keys(n);
  const merged: Record<string, unknown> = {};
  let same = keys.length === Object.keys(p).length;
  for (const k of keys) {
    merged[k] = Object.prototype.hasOwnProperty.call(p, k) ? keepUnchanged(p[k], n[k]) : n[k];
    if (merged[k] !== p[k]) same = false;
  }
  return (same ? prev : merged) as T;
}
