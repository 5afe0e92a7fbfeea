import { describe, expect, it } from "vitest";
import { warmEngineInWorker } from "./engine-warm-up";
import { api, removeDir, startTestNode, tempDir } from "./test-helpers";

describe("warming Automerge's engine in a worker", () => {
  it("runs the whole warm-up in a worker thread and reports no problem", async () => {
    const lines: string[] = [];
    const warmUp = warmEngineInWorker(0, (m) => lines.push(m));
    expect(warmUp.state).toBe("waiting");
    await warmUp.done;
    // A warm-up whose source were not self-contained, or could not find Automerge, would fail here.
    expect(lines).toEqual([expect.stringMatching(/^engine warmed in a worker \(\d+ ms\)$/)]);
    expect(warmUp.state).toBe("finished");
  }, 60_000);

  it("stops a running warm-up, ending its worker, and one still waiting never starts", async () => {
    // So many rounds that only stopping ends it within the test's time.
    const running = warmEngineInWorker(0, () => undefined, 1_000_000);
    while (running.state === "waiting") await new Promise((r) => setTimeout(r, 5));
    expect(running.state).toBe("running");
    await running.stop();
    await running.done;
    expect(running.state).toBe("stopped");

    const waiting = warmEngineInWorker(60_000, () => undefined);
    await waiting.stop();
    await waiting.done;
    expect(waiting.state).toBe("stopped");
  });

  it("lets a node serve accounts while it warms, and stop without waiting for it", async () => {
    const dir = await tempDir();
    const lines: string[] = [];
    const node = await startTestNode(dir, { warmEngineAfterMs: 0, log: (l) => lines.push(l) });
    try {
      await api(node.endpoint(), "PUT", "/api/profile", { name: "Ana", role: "rep" });
      const created = await api<{ documentId: string }>(node.endpoint(), "POST", "/api/accounts", { name: "Warm start" });
      expect(created.status).toBe(200);
      const listed = await api<Array<{ name: string }>>(node.endpoint(), "GET", "/api/accounts");
      expect(listed.body.map((a) => a.name)).toEqual(["Warm start"]);
    } finally {
      await node.stop();
      await removeDir(dir);
    }
    expect(lines.filter((l) => /engine warm-up/.test(l))).toEqual([]);
  });
});
