/**
 * What a team scrapes from each relay (GET /metrics, Prometheus text format). Sync lag is
 * measured where a lost edit would hide: from the moment a relay receives changes for an
 * account to the moment they are in storage. `oldest_unsaved` climbing means storage is
 * stuck (a database out of reach), which is also when /readyz turns 503.
 */
import type { Repo } from "@automerge/automerge-repo";

export class RelayMetrics {
  readonly #unsavedSince = new Map<string, number>();
  syncMessages = 0;
  saves = 0;
  saveLagSum = 0;
  saveLagMax = 0;

  constructor(repo: Repo) {
    repo.on("doc-metrics", (event) => {
      const now = performance.now();
      if (event.type === "receive-sync-message") {
        this.syncMessages++;
        if (event.numChanges > 0 && !this.#unsavedSince.has(event.documentId)) this.#unsavedSince.set(event.documentId, now);
      } else if (event.type === "doc-saved" || event.type === "doc-compacted") {
        // automerge-repo says "doc-saved" only of an increment; a whole snapshot (the first
        // save of a new account, and every compaction) is "doc-compacted". Counting only the
        // first left every uploaded account unsaved for good: the oldest unsaved change
        // climbed on a healthy relay as if its storage were stuck.
        const since = this.#unsavedSince.get(event.documentId);
        if (since === undefined) return;
        this.#unsavedSince.delete(event.documentId);
        const lag = (now - since) / 1000;
        this.saves++;
        this.saveLagSum += lag;
        this.saveLagMax = Math.max(this.saveLagMax, lag);
      }
    });
  }

  /** Forget an account that was unloaded (its pending save was awaited first). */
  forget(documentId: string): void {
    this.#unsavedSince.delete(documentId);
  }

  oldestUnsavedSeconds(): number {
    let oldest = Infinity;
    for (const t of this.#unsavedSince.values()) oldest = Math.min(oldest, t);
    return oldest === Infinity ? 0 : (performance.now() - oldest) / 1000;
  }

  text(gauges: Record<string, { help: string; value: number }>): string {
    const all: Record<string, { help: string; value: number; type?: string }> = {
      ...gauges,
      baton_relay_sync_messages_received_total: { help: "Sync messages received from peers.", value: this.syncMessages, type: "counter" },
      baton_relay_save_lag_seconds_sum: { help: "Total time from receiving changes to having them in storage.", value: this.saveLagSum, type: "counter" },
      baton_relay_save_lag_seconds_count: { help: "Saves that followed received changes.", value: this.saves, type: "counter" },
      baton_relay_save_lag_seconds_max: { help: "Longest time from receiving changes to having them in storage since start.", value: this.saveLagMax },
      baton_relay_oldest_unsaved_seconds: { help: "Age of the oldest received change not yet in storage (0 when all are saved).", value: this.oldestUnsavedSeconds() },
    };
    return (
      Object.entries(all)
        .map(([name, m]) => `# HELP ${name} ${m.help}\n# TYPE ${name} ${m.type ?? "gauge"}\n${name} ${Number.isFinite(m.value) ? m.value : 0}`)
        .join("\n") + "\n"
    );
  }
}
