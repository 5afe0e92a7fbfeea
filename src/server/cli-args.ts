/** Tiny `--name value` parser for the headless entries, with clear messages for bad input. A "flag" takes no value (it reads "true"). */
export function parseArgs(argv: string[], known: Record<string, "string" | "port" | "count" | "flag">): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new Error(`Unexpected argument “${arg}”.`);
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    const kind = known[name];
    if (!kind) throw new Error(`Unknown option --${name}. Known: ${Object.keys(known).map((k) => `--${k}`).join(", ")}.`);
    if (kind === "flag") {
      if (inline !== undefined) throw new Error(`--${name} takes no value.`);
      out[name] = "true";
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith("--")) throw new Error(`--${name} needs a value.`);
    if (kind === "port" && !(/^\d+$/.test(value) && Number(value) <= 65535)) throw new Error(`--${name} must be a port number (0–65535), not “${value}”.`);
    if (kind === "count" && !(/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 1_000_000)) throw new Error(`--${name} must be a whole number from 1 to 1,000,000, not “${value}”.`);
    out[name] = value;
  }
  return out;
}
