/**
 * Text that arrives from another laptop and is then shown to a person — a name in an mDNS
 * announcement or a knock at the meeting's door, or any text of an account a peer wrote:
 * control characters and direction overrides are removed so text cannot rewrite the
 * screen around it ("evil" drawn as "live"), and it is cut to a length the layout was
 * made for. Forms refuse the same things as they are typed.
 */
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex -- as above; tab and line feed are kept in text that may have lines
const CONTROL_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Invisible format characters (zero-width space, direction marks and overrides, BOM); the emoji joiner U+200D stays. */
const INVISIBLE = /[\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;
/**
 * What reorders or hides text in typed prose: overrides, embeddings, isolates, the BOM.
 * The marks (U+200E/F) and the non-joiner (U+200C) stay: right-to-left and Persian text need them.
 */
const REORDERING = /[\u200b\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;
/** Half of a surrogate pair with no other half (JSON can carry one; it would draw as garbage). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// One pass that only tests, for the common case where nothing needs cleaning.
// eslint-disable-next-line no-control-regex -- see CONTROL_IN_LINES
const NEEDS_CLEANING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u200b\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff]/;

/** Cut to `max` code points (never half an emoji), with an ellipsis when something was cut. */
function cut(text: string, max: number, ellipsis: string): string {
  if (text.length <= max) return text;
  const points = [...text];
  return points.length > max ? `${points.slice(0, max).join("").trimEnd()}${ellipsis}` : text;
}

/** Clean a name (or one line) from the network; "" when nothing printable is left. `ellipsis` marks a cut. */
export function cleanUntrustedText(raw: string, max: number, ellipsis = ""): string {
  const clean = raw.replace(LONE_SURROGATE, "").replace(CONTROL, " ").replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
  return cut(clean, ellipsis ? max - 1 : max, ellipsis);
}

/**
 * True when text from an account needs `cleanAccountText` before it is shown: it holds
 * something that reorders or hides text, a control character, or is longer than `max`.
 * Surrogates are tested for by range, so an emoji says yes here and is kept by the cleaner.
 */
export function needsCleaning(text: string, max: number): boolean {
  return text.length > max || NEEDS_CLEANING.test(text);
}

/**
 * Text of an account as it may be shown: line breaks and tabs kept where the field has
 * lines, everything that reorders or hides text removed, cut to `max` with an ellipsis.
 */
export function cleanAccountText(raw: string, max: number, lines: boolean): string {
  const clean = raw
    .replace(LONE_SURROGATE, "")
    .replace(lines ? CONTROL_IN_LINES : CONTROL, lines ? "" : " ")
    .replace(REORDERING, "");
  return cut(clean, max, "…");
}
