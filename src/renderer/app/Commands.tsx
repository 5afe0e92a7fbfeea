/**
 * Where commands come in: Electron's menu, deep links and clicked reminders through the
 * bridge; in browser mode the keyboard (the same shortcuts, where the browser lets them
 * through) and a link in the address (#/open?link=…). The search dialog lives here too:
 * it is one more way to pick a command.
 */
import { useEffect, useRef, useState } from "react";
import { BRIDGE_KEY, type BatonBridge } from "../../../shared/bridge";
import { commandForKey } from "../../../shared/shortcuts";
import { useClient } from "../sync/context";
import { useNotices } from "../ui/notices";
import { navigate, type Route } from "../ui/route";
import { runCommand, type CommandContext } from "./commands";
import { SearchDialog } from "./SearchDialog";

function bridge(): BatonBridge | undefined {
  return (window as unknown as Record<string, BatonBridge | undefined>)[BRIDGE_KEY];
}

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export function Commands({ route }: { route: Route }) {
  const client = useClient();
  const { notify } = useNotices();
  const [searching, setSearching] = useState(false);
  const routeRef = useRef(route);
  routeRef.current = route;
  const context = (): CommandContext => ({ client, notify, route: () => routeRef.current, openSearch: () => setSearching(true) });
  const ctx = useRef<CommandContext>(context());
  ctx.current = context();

  useEffect(() => {
    const b = bridge();
    // In the desktop app the menu's accelerators are the shortcuts: they arrive as commands.
    if (b) return b.onCommand((command) => void runCommand(command, ctx.current));
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat) return;
      const command = commandForKey(e, isMac());
      if (!command) return;
      e.preventDefault();
      void runCommand(command, ctx.current);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // A link in browser mode's address: open it, or say what is wrong and go to Today.
  const link = route.page === "open" ? route.link : null;
  useEffect(() => {
    if (link === null) return;
    void runCommand({ type: "open-link", link }, ctx.current).then((opened) => {
      if (!opened) navigate({ page: "today" });
    });
  }, [link]);

  return (
    <SearchDialog
      opened={searching}
      onClose={() => setSearching(false)}
      onPick={(result) => {
        setSearching(false);
        void runCommand(result.command, ctx.current);
      }}
    />
  );
}
