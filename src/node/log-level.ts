/**
 * The node and the relay hand their log lines over as plain text; whoever writes them to a
 * file or a journal (the desktop app's log, the sync server's) files damage, failed writes
 * and refusals as warnings, so they can be found among the routine lines.
 */
const TROUBLE = /\b(fail|failed|damaged|could not|cannot|unreadable|refused|problem)\b/i;

/** The level a plain line from the node or the relay calls for. */
export function levelOfLine(line: string): "warn" | "info" {
  return TROUBLE.test(line) ? "warn" : "info";
}
