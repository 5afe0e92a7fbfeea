// The Node flags browser mode's server (the sync node and the page's files) runs with, in
// one place: `npm start` and `npm run web` start it with them, and the e2e suite and the
// bench start the node the same way, so what they check and measure is what ships.
//
// --max-semi-space-size=2: V8's young generation, 16 MB a semi-space by default (~34 MB
// committed), held 20–40 MB more than the node needs once started. With 2 MB the node with
// 10,000 accounts listed went 213 → 190 MB one second after the list (234 → 194 MB after 8 s);
// opening an account and relaying a live edit stayed within their run-to-run spread
// (open p50 187 / 199 ms against 199 / 200; edit node to node 4.05 / 3.84 ms against 4.15 / 4.39).
// The desktop app's node runs inside Electron's main process, whose V8 takes flags only on
// Electron's own command line, not from the app once started: it keeps V8's defaults.
export const serverNodeFlags = ["--max-semi-space-size=2"];
