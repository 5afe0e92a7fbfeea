/**
 * Component tests of the window's account screens: a real automerge-repo Repo (no network,
 * no storage: the window's own repo has neither), a real document handle holding the
 * account, and the same session and providers the account page uses.
 */
import { useState, type ReactNode } from "react";
import * as A from "@automerge/automerge";
import { Repo, type DocHandle } from "@automerge/automerge-repo";
import { MantineProvider } from "@mantine/core";
import { render, type RenderResult } from "@testing-library/react";
import type { AccountDoc, Profile } from "../../../shared";
import { AccountSession } from "../document/session";
import { AccountSessionProvider } from "../document/hooks";
import { NoticeProvider, useNotices } from "../ui/notices";

export interface RenderedAccount extends RenderResult {
  handle: DocHandle<AccountDoc>;
  session: AccountSession;
  /** The account as stored now. */
  stored: () => A.Doc<AccountDoc>;
}

function SessionFor({ handle, who, children, onSession }: { handle: DocHandle<AccountDoc>; who: Profile; children: ReactNode; onSession: (s: AccountSession) => void }) {
  const { notify } = useNotices();
  const [session] = useState(() => new AccountSession(handle, () => who, notify));
  onSession(session);
  return <AccountSessionProvider session={session}>{children}</AccountSessionProvider>;
}

/** Draw `ui` inside an open account holding `doc`, as `who`. */
export function renderInAccount(ui: ReactNode, doc: A.Doc<AccountDoc>, who: Profile): RenderedAccount {
  const repo = new Repo({ network: [] });
  const handle = repo.import<AccountDoc>(A.save(doc));
  let session!: AccountSession;
  const result = render(
    <MantineProvider>
      <NoticeProvider>
        <SessionFor handle={handle} who={who} onSession={(s) => (session ??= s)}>
          {ui}
        </SessionFor>
      </NoticeProvider>
    </MantineProvider>,
  );
  return { ...result, handle, session, stored: () => handle.doc() };
}
