/**
 * The window's commands in one place: the keyboard shortcuts (browser mode), Electron's
 * menu, deep links and clicked reminders (through the bridge) all come here
 * (shared/app-commands.ts). A command that cannot be carried out says why in a notice and
 * leaves the page as it is, so nothing typed is lost.
 */
import { formatAccountLink, parseAccountLink } from "../../../shared/account-link";
import type { AppCommand } from "../../../shared/app-commands";
import { messageOf } from "../sync/api";
import type { BatonClient } from "../sync/client";
import type { NoticeInput } from "../ui/notices";
import { navigate, type Route } from "../ui/route";
import { requestFromWindow, WINDOW_EVENTS } from "../ui/window-events";
import { COMMAND_WORDS } from "../words/commands";

export interface CommandContext {
  client: BatonClient;
  notify(notice: NoticeInput): void;
  /** The page on screen now. */
  route(): Route;
  /** Show the search dialog. */
  openSearch(): void;
}

/** The account list, once the node has sent it. */
async function accountsOf(client: BatonClient) {
  const now = client.getState().accounts;
  if (now) return now;
  return new Promise<NonNullable<ReturnType<BatonClient["getState"]>["accounts"]>>((resolve) => {
    const stop = client.subscribe(() => {
      const accounts = client.getState().accounts;
      if (accounts) {
        stop();
        resolve(accounts);
      }
    });
  });
}

async function openAccount(documentId: string, c: CommandContext): Promise<boolean> {
  const accounts = await accountsOf(c.client);
  if (accounts.some((a) => a.documentId === documentId)) {
    navigate({ page: "account", documentId });
    return true;
  }
  if (!c.client.getState().status?.server) {
    c.notify({ tone: "error", message: COMMAND_WORDS.notOnDeviceNoServer });
    return false;
  }
  c.notify({
    tone: "error",
    message: COMMAND_WORDS.notOnDevice,
    action: {
      label: COMMAND_WORDS.getFromServer,
      run: () =>
        void c.client.api
          .openAccount({ link: formatAccountLink(documentId) })
          .then(() => {
            void c.client.refresh();
            navigate({ page: "account", documentId });
          })
          .catch((e: unknown) => c.notify({ tone: "error", message: messageOf(e) })),
    },
  });
  return false;
}

/** Carry out a command; resolves true when it did what was asked. */
export async function runCommand(command: AppCommand, c: CommandContext): Promise<boolean> {
  switch (command.type) {
    case "go":
      navigate({ page: command.page });
      return true;
    case "new-account":
      navigate({ page: "new-account" });
      return true;
    case "search":
      c.openSearch();
      return true;
    case "join-meeting":
      requestFromWindow(WINDOW_EVENTS.joinMeeting);
      return true;
    case "host-meeting": {
      const route = c.route();
      if (route.page !== "account" && route.page !== "call") {
        c.notify({ message: COMMAND_WORDS.hostNeedsAccount });
        return false;
      }
      try {
        const hosted = await c.client.api.hostMeeting({ documentId: route.documentId });
        void c.client.refresh();
        c.notify({ message: COMMAND_WORDS.hosting(hosted.accountName || "this account") });
        return true;
      } catch (e) {
        c.notify({ tone: "error", message: messageOf(e) });
        return false;
      }
    }
    case "open-call":
      navigate({ page: "call", documentId: command.documentId, followUpId: command.followUpId });
      return true;
    case "open-account":
      return openAccount(command.documentId, c);
    case "open-link": {
      const documentId = parseAccountLink(command.link);
      if (!documentId) {
        c.notify({ tone: "error", message: COMMAND_WORDS.notALink });
        return false;
      }
      return openAccount(documentId, c);
    }
  }
}
