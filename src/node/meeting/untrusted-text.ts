/**
 * Text that arrives from another laptop (an mDNS announcement, a knock at the meeting's
 * door) and is then shown to a person: control characters, direction overrides and
 * line breaks are removed so a name cannot rewrite the screen around it, whitespace is
 * collapsed, and the result is cut to a length the layout was made for.
 */
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Invisible format characters (zero-width space, direction marks and overrides, BOM); the emoji joiner U+200D stays. */
const INVISIBLE = /[\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;
/** Half of a surrogate pair with no other half (JSON can carry one; it would draw as garbage). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Clean a name from the network; "" when nothing printable is left. */
export function cleanUntrustedText(raw: string, max: number): string {
  const clean = raw.replace(LONE_SURROGATE, "").replace(CONTROL, " ").replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
  // Cut by code points, not UTF-16 units, so a cut never leaves half an emoji.
  const points = [...clean];
  return points.length > max ? points.slice(0, max).join("").trimEnd() : clean;
}
