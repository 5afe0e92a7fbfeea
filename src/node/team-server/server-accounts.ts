/**
 * A new laptop gets its person's accounts back from the team server: the library (which
 * accounts are this person's) lives only on the laptop, so after a disk loss the server's
 * membership is the only list left. The server answers `GET /accounts` with the ids of
 * every account the token's person belongs to (src/server/relay/relay.ts says why that is
 * HTTP and not the sync protocol); each account then comes over the sync link like any
 * account opened by link, a few at a time, with progress and a cancel between accounts.
 */
import { accountsCount, type JobControl } from "../api/jobs";
import { normaliseServerUrl } from "./team-server-link";

/** Accounts asked for at once: enough to keep the link busy, few enough to leave it to edits. */
const AT_ONCE = 16;
/** How long one account may take to arrive before it is counted as not fetched. */
const PER_ACCOUNT_MS = 30_000;

export interface ServerAccountsOptions {
  /** The saved server address and token. */
  server: () => { url: string; token: string } | null;
  /** Resolves once the sync link to the server is up; rejects (with words) when it does not come up. */
  connected: (signal: AbortSignal) => Promise<void>;
  has: (documentId: string) => boolean;
  /** Fetch one account into the library. */
  fetch: (documentId: string, signal: AbortSignal) => Promise<void>;
  /** Write the library (after the last account, and when cancelled). */
  flush: () => Promise<void>;
  log: (line: string) => void;
}

/** Ask the server which accounts are this person's; throws with words for the person. */
export async function listServerAccounts(url: string, token: string, signal?: AbortSignal): Promise<string[]> {
  const server = normaliseServerUrl(url);
  if (!server) throw new Error("The team sync server's address is not valid; check it in Settings.");
  let res: Response;
  try {
    res = await fetch(`${server.httpUrl}/accounts`, { headers: { Authorization: `Bearer ${token}` }, signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(15_000)]) : AbortSignal.timeout(15_000) });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new Error(`The team sync server at ${server.httpUrl} is not reachable.`, { cause: e });
  }
  if (res.status === 401 || res.status === 403) throw new Error("The sync server refused the token. Check it in Settings.");
  if (res.status === 404) throw new Error("This sync server cannot list your accounts (it is older than this app); open each account by its link.");
  if (!res.ok) throw new Error(`The sync server answered HTTP ${res.status} when asked for your accounts.`);
  const body = (await res.json().catch(() => null)) as { accounts?: unknown } | null;
  const ids = body?.accounts;
  // What the server says is input too: only well-formed ids, each once.
  if (!Array.isArray(ids)) throw new Error("The sync server's list of your accounts could not be read.");
  return [...new Set(ids.filter((id): id is string => typeof id === "string" && /^[1-9A-HJ-NP-Za-km-z]{20,60}$/.test(id)))];
}

/** The job: list, then fetch every account not on this laptop yet. Answers what happened, in words. */
export async function accountsFromServer(o: ServerAccountsOptions, job: JobControl): Promise<string> {
  const saved = o.server();
  if (!saved) throw new Error("Set up the team sync server first (its address and your token).");
  const listed = await listServerAccounts(saved.url, saved.token, job.signal);
  const missing = listed.filter((id) => !o.has(id));
  job.total(missing.length);
  if (missing.length === 0) return listed.length === 0 ? "The server lists no accounts for you yet." : `All ${listed.length.toLocaleString()} accounts the server lists for you are on this laptop.`;
  await o.connected(job.signal);
  const failed: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < missing.length && !job.signal.aborted) {
      const id = missing[next++]!;
      try {
        await o.fetch(id, AbortSignal.any([job.signal, AbortSignal.timeout(PER_ACCOUNT_MS)]));
        job.step();
      } catch (e) {
        if (job.signal.aborted) return;
        failed.push(id);
        o.log(`could not get account ${id} from the server: ${(e as Error).message}`);
        job.step();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(AT_ONCE, missing.length) }, worker));
  } finally {
    await o.flush();
  }
  const got = missing.length - failed.length;
  if (job.signal.aborted) return `Stopped: ${accountsCount(got)} arrived before you cancelled; the rest come when you ask again.`;
  if (failed.length > 0) return `${got.toLocaleString()} of ${missing.length.toLocaleString()} accounts arrived; ${failed.length.toLocaleString()} could not be fetched (no answer in time, or not a Baton account). Ask again to try those.`;
  return `${accountsCount(got)} arrived from the server.`;
}
