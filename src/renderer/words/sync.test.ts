import { describe, expect, it } from "vitest";
import { localPhrase, peerPhrases } from "./sync";

describe("sync status words", () => {
  it("says whether edits reached this device's node", () => {
    expect(localPhrase(true, null).text).toBe("All changes saved");
    expect(localPhrase(true, false).text).toBe("All changes saved");
    expect(localPhrase(true, true).text).toBe("Saving…");
    expect(localPhrase(false, null).text).toBe("Not connected to this device's sync node");
  });
  it("names each peer link", () => {
    expect(peerPhrases([]).map((p) => p.text)).toEqual(["Offline"]);
    expect(
      peerPhrases([
        { kind: "meeting-guest", label: "Dana", state: "connected", synced: true },
        { kind: "team-server", label: "sync.example.com", state: "offline", problem: "connection refused", synced: false },
        { kind: "team-server", label: "s", state: "connected", synced: false },
      ]).map((p) => p.text),
    ).toEqual(["In meeting with Dana", "Team server: unreachable (connection refused)", "Team server: syncing"]);
  });
});
