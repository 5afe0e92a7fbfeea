/**
 * The renderer's entry, kept small: it sends the window's first requests, then loads the
 * window itself as a second script. The browser parses a script whole before running any
 * of it — 1.2 MB, a third of a second on a 2-core laptop — and the sign-in and the account
 * list used to wait for that; now they are answered meanwhile.
 */
import { abandonFirstRequests } from "./app/first-requests";
import { START_WORDS } from "./words/start";

import("./app/window").catch((e: unknown) => {
  abandonFirstRequests();
  // No React yet to draw a message with: say it in plain text rather than leave the window blank.
  const root = document.getElementById("root") ?? document.body;
  const title = document.createElement("h1");
  title.textContent = START_WORDS.noWindow;
  const reason = document.createElement("p");
  reason.textContent = `${e instanceof Error ? e.message : String(e)} ${START_WORDS.reload}`;
  root.replaceChildren(title, reason);
});
