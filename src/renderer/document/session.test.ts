import { afterEach, describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { generateAutomergeUrl, parseAutomergeUrl, type DocumentId } from "@automerge/automerge-repo";
import { addCommitment, commitmentsOf, type AccountDoc } from "../../../shared";
import { ACTOR_B, fullAccount, lead } from "../../../shared/testing/accounts";
import { createWindowRepo, type WindowRepo } from "../sync/repo";
import { AccountSession } from "./session";

/**
 * A session drawn from a document the window loaded itself, before the window's repo holds
 * it: the window's own repo (real automerge-repo, its socket pointed at a closed port; the
 * node's sync is covered by the browser-mode specs, which open every account this way).
 */
const repos: WindowRepo[] = [];
afterEach(async () => {
  await new Promise((r) => setTimeout(r, 20)); // closing a socket still connecting throws
  while (repos.length) repos.pop()!.close();
});

async function opened(doc: A.Doc<AccountDoc>) {
  const windowRepo = createWindowRepo("ws://127.0.0.1:9/", Promise.resolve());
  repos.push(windowRepo);
  const repo = await windowRepo.ready();
  const documentId = parseAutomergeUrl(generateAutomergeUrl()).documentId;
  const loaded = A.load<AccountDoc>(A.save(doc));
  const notices: string[] = [];
  const session = new AccountSession({ documentId, doc: loaded, adopt: () => windowRepo.adopt(documentId, loaded) }, () => lead, (n) => notices.push(n.message));
  return { windowRepo, repo, documentId, loaded, session, notices };
}

const texts = (doc: AccountDoc) => commitmentsOf(doc).map((c) => c.text);

describe("an account drawn from the document the window loaded", () => {
  it("is read before the repo holds it, and handed over without a change to what is shown", async () => {
    const { windowRepo, repo, documentId, loaded, session } = await opened(fullAccount());
    const before = session.snapshot();
    expect(before.stored).toBe(loaded);
    expect(texts(before.account)).toEqual(texts(fullAccount()));
    expect(windowRepo.has(documentId)).toBe(false);
    expect(session.attached).toBe(false);

    let told = 0;
    session.subscribe(() => told++);
    session.attach();
    expect(session.attached).toBe(true);
    expect(repo.handles[documentId]?.isReady()).toBe(true);
    // The same document: nothing to redraw.
    expect(session.snapshot()).toBe(before);
    expect(told).toBe(0);

    // Listeners subscribed before the hand-over hear the changes after it.
    const theirs = A.change(A.clone(session.handle.doc(), { actor: ACTOR_B }), (d) => void (d.name = "Acme Group"));
    session.handle.update((d) => A.merge(d, theirs));
    expect(told).toBe(1);
    expect(session.snapshot().account.name).toBe("Acme Group");
  });

  it("an edit made before the hand-over hands it over and lands in the repo", async () => {
    const { windowRepo, documentId, session, notices } = await opened(fullAccount());
    let told = 0;
    session.subscribe(() => told++);
    expect(session.edit("addCommitment", { id: "c-new", text: "Typed at once" })).toBe(true);
    expect(notices).toEqual([]);
    expect(windowRepo.has(documentId)).toBe(true);
    expect(texts(session.snapshot().account)).toContain("Typed at once");
    expect(told).toBe(1);
    expect(A.getHeads(session.snapshot().stored)).toEqual(A.getHeads(session.handle.doc()));
  });

  it("where the repo already held the account, the loaded document is merged into it and both shown", async () => {
    const base = fullAccount();
    const windowRepo = createWindowRepo("ws://127.0.0.1:9/", Promise.resolve());
    repos.push(windowRepo);
    const documentId = parseAutomergeUrl(generateAutomergeUrl()).documentId as DocumentId;
    await windowRepo.ready();
    const newer = A.change(A.clone(base, { actor: ACTOR_B }), (d) => void (d.name = "Acme Group"));
    expect(windowRepo.startFromSaved(documentId, A.save(newer))).toBe(true);

    const ours = A.change(base, (d) => addCommitment(d, { id: "c-ours", text: "Typed on this laptop", by: lead, at: "2026-03-02T10:00:00.000Z" }));
    const loaded = A.load<AccountDoc>(A.save(ours));
    const session = new AccountSession({ documentId, doc: loaded, adopt: () => windowRepo.adopt(documentId, loaded) }, () => lead, () => undefined);
    let told = 0;
    session.subscribe(() => told++);
    expect(session.snapshot().account.name).toBe("Acme");
    session.attach();
    expect(told).toBe(1);
    expect(session.snapshot().account.name).toBe("Acme Group");
    expect(texts(session.snapshot().account)).toContain("Typed on this laptop");
    expect(A.getHeads(session.snapshot().stored).sort()).toEqual(A.getHeads(A.merge(A.clone(newer), ours)).sort());
  });
});
