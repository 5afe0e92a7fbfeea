/**
 * How relays reach PostgreSQL when it may fail over. A relay is given every server's URL,
 * primary first then its standbys (`--postgres URL1,URL2`, DEPLOY.md); it uses the first
 * that accepts writes and looks again whenever its lock connection is lost. A standby that
 * has not been promoted answers `pg_is_in_recovery()` true and is passed over, so a relay
 * never takes shard locks (or writes) on a read-only copy. One URL is used as it is.
 */
import pg from "pg";

export class PostgresTarget {
  readonly urls: readonly string[];
  #current: string;

  constructor(urls: readonly string[]) {
    if (urls.length === 0) throw new Error("give at least one PostgreSQL URL");
    this.urls = urls;
    this.#current = urls[0]!;
  }

  /** "URL1,URL2" (spaces allowed) → a target. */
  static parse(list: string): PostgresTarget {
    return new PostgresTarget(list.split(",").map((u) => u.trim()).filter((u) => u.length > 0));
  }

  /** The server new connections go to. */
  get current(): string {
    return this.#current;
  }

  /** The first server of the list that accepts writes (the current one first); throws when none does. */
  async findPrimary(timeoutMs: number): Promise<string> {
    if (this.urls.length === 1) return this.#current;
    const problems: string[] = [];
    for (const url of [this.#current, ...this.urls.filter((u) => u !== this.#current)]) {
      const client = new pg.Client({ connectionString: url, application_name: "baton-relay-probe" });
      client.on("error", () => undefined);
      try {
        await within(client.connect(), timeoutMs);
        const r = await within(client.query<{ standby: boolean }>("SELECT pg_is_in_recovery() AS standby"), timeoutMs);
        if (r.rows[0]?.standby === false) {
          this.#current = url;
          return url;
        }
        problems.push(`${hostOf(url)} is a standby`);
      } catch (e) {
        problems.push(`${hostOf(url)}: ${(e as Error).message}`);
      } finally {
        abandon(client);
      }
    }
    throw new Error(`no PostgreSQL server accepts writes (${problems.join("; ")})`);
  }
}

/** host:port of a URL, never its password. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "?";
  }
}

/**
 * `work`, or a failure after `ms`: one deadline for a whole series of queries (pg's
 * query_timeout bounds each one, so a round of several could outlive a lease).
 */
export async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`PostgreSQL did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Close a client without waiting on its socket, which may never answer. */
export function abandon(client: pg.Client): void {
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
  client.end().catch(() => undefined);
}
