import { afterEach, describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { generateAutomergeUrl, parseAutomergeUrl, type DocumentId, type PeerId } from "@automerge/automerge-repo";
import { createWindowRepo, type WindowRepo } from "./repo";
import { STARTED_AHEAD_KEPT, startAhead } from "./start-ahead";

/**
 * The window's own repo (real automerge-repo, its socket pointed at a closed port: the
 * node's sync is not what is tested here), and the node's two answers `startAhead` asks for,
 * served from saved documents made with Automerge.
 */
const repos: WindowRepo[] = [];
const settled = () => new Promise((r) => setTimeout(r, 20));
afterEach(async () => {
  // Closed once its first attempt was refused: closing a socket still connecting throws.
  await settled();
  while (repos.length) repos.pop()!.close();
});

function setUp(count: number, savedOf?: (id: string, bytes: Uint8Array) => Promise<Uint8Array | null>) {
  const windowRepo = createWindowRepo("ws://127.0.0.1:9/", Promise.resolve());
  repos.push(windowRepo);
  const accounts = Array.from({ length: count }, (_, i) => {
    const id = parseAutomergeUrl(generateAutomergeUrl()).documentId;
    return { id, bytes: A.save(A.from({ name: `Account ${String(i + 1)}`, commitments: [`Promise ${String(i + 1)}`] })) };
  });
  const fetched: string[] = [];
  const warmed: string[] = [];
  const api = {
    warmAccount: ({ documentId }: { documentId: string }) => {
      warmed.push(documentId);
      return Promise.resolve();
    },
    savedDocument: (documentId: string) => {
      fetched.push(documentId);
      const bytes = accounts.find((a) => a.id === documentId)!.bytes;
      return savedOf ? savedOf(documentId, bytes) : Promise.resolve(bytes);
    },
  };
  return { windowRepo, accounts, fetched, warmed, ahead: startAhead(windowRepo, api) };
}

describe("accounts started while the pointer rests on their rows", () => {
  it("are held by the window before the click, which then fetches nothing", async () => {
    const { windowRepo, accounts, fetched, warmed, ahead } = setUp(1);
    const [one] = accounts;
    ahead.warm(one!.id);
    ahead.warm(one!.id);
    await settled();
    expect(warmed).toEqual([one!.id]);
    expect(windowRepo.has(one!.id)).toBe(true);
    expect(await ahead.opening(one!.id)).toBeNull();
    expect(fetched).toEqual([one!.id]);
    const repo = await windowRepo.ready();
    const handle = await repo.find<{ name: string }>(one!.id);
    expect(handle.doc().name).toBe("Account 1");
  });

  it(`keep the last ${String(STARTED_AHEAD_KEPT)} not opened and let older ones go; an opened one stays`, async () => {
    const { windowRepo, accounts, ahead } = setUp(STARTED_AHEAD_KEPT + 3);
    const [opened, ...rest] = accounts;
    ahead.warm(opened!.id);
    expect(await ahead.opening(opened!.id)).toBeNull();
    for (const a of rest) ahead.warm(a.id);
    await settled();
    const held = accounts.filter((a) => windowRepo.has(a.id as DocumentId)).map((a) => a.id);
    expect(held).toEqual([opened!.id, ...rest.slice(-STARTED_AHEAD_KEPT).map((a) => a.id)]);
  });

  it("one let go opens afresh from the node, after it has gone", async () => {
    const { windowRepo, accounts, fetched, ahead } = setUp(STARTED_AHEAD_KEPT + 1);
    for (const a of accounts.slice(0, -1)) ahead.warm(a.id);
    await settled();
    const first = accounts[0]!.id;
    expect(windowRepo.has(first)).toBe(true);
    ahead.warm(accounts.at(-1)!.id);
    // Asked for while it is being let go (still in the repo, on its way out): the answer
    // waits for it to have gone, then brings the bytes to start it afresh.
    const bytes = await ahead.opening(first);
    expect(windowRepo.has(first)).toBe(false);
    expect(bytes && A.load<{ name: string }>(bytes).name).toBe("Account 1");
    expect(fetched.filter((id) => id === first)).toHaveLength(2);
    expect(windowRepo.startFromSaved(first, bytes!)).toBe(true);
  });

  it("one let go is refused when the node sends it again, until it is opened", async () => {
    const { windowRepo, accounts, ahead } = setUp(STARTED_AHEAD_KEPT + 1);
    for (const a of accounts) ahead.warm(a.id);
    await settled();
    const [first, second] = accounts;
    const repo = await windowRepo.ready();
    const node = "node" as PeerId;
    // automerge-repo asks this before it takes any message about a document from a peer.
    expect(await repo.shareConfig.access(node, first!.id)).toBe(false);
    expect(await repo.shareConfig.access(node, second!.id)).toBe(true);
    // Still refused while its saved document is on its way: a change sent meanwhile would
    // otherwise bring it whole over sync before the saved document can start it.
    const bytes = await ahead.opening(first!.id);
    expect(await repo.shareConfig.access(node, first!.id)).toBe(false);
    expect(windowRepo.startFromSaved(first!.id, bytes!)).toBe(true);
    expect(await repo.shareConfig.access(node, first!.id)).toBe(true);
    // Opened by sync instead (no saved document): wanted again.
    await windowRepo.letGo(first!.id);
    expect(await repo.shareConfig.access(node, first!.id)).toBe(false);
    windowRepo.want(first!.id);
    expect(await repo.shareConfig.access(node, first!.id)).toBe(true);
  });

  it("one being opened is not started ahead again, nor let go once open", async () => {
    const gates = new Map<string, () => void>();
    const { windowRepo, accounts, fetched, warmed, ahead } = setUp(STARTED_AHEAD_KEPT + 2, (id, bytes) =>
      // The open's own fetch is slow; any other answers at once.
      fetched.filter((f) => f === id).length === 1 && id === accounts[0]!.id ? new Promise((r) => gates.set(id, () => r(bytes))) : Promise.resolve(bytes),
    );
    const [opened, ...others] = accounts;
    const bytes = ahead.opening(opened!.id);
    // The pointer still rests on its link as the page changes.
    ahead.warm(opened!.id);
    for (const a of others) ahead.warm(a.id);
    await settled();
    expect(fetched.filter((id) => id === opened!.id)).toHaveLength(1);
    expect(warmed).not.toContain(opened!.id);
    gates.get(opened!.id)!();
    expect(windowRepo.startFromSaved(opened!.id, (await bytes)!)).toBe(true);
    for (const a of others) ahead.warm(a.id);
    await settled();
    expect(windowRepo.has(opened!.id)).toBe(true);
  });

  it("one whose saved document is not a document opens by sync, without asking again", async () => {
    const { windowRepo, accounts, fetched, ahead } = setUp(1, () => Promise.resolve(new Uint8Array([1, 2, 3])));
    const id = accounts[0]!.id;
    ahead.warm(id);
    expect(await ahead.opening(id)).toBeNull();
    expect(windowRepo.has(id)).toBe(false);
    expect(fetched).toEqual([id]);
  });

  it("one clicked before its saved document arrived opens once it has", async () => {
    let arrive: () => void = () => undefined;
    const { windowRepo, accounts, ahead } = setUp(1, (_id, bytes) => new Promise((r) => (arrive = () => r(bytes))));
    const id = accounts[0]!.id;
    ahead.warm(id);
    const opened = ahead.opening(id);
    await settled();
    expect(windowRepo.has(id)).toBe(false);
    arrive();
    expect(await opened).toBeNull();
    expect(windowRepo.has(id)).toBe(true);
  });
});
