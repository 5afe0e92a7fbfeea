/** `--name value` (or `--name=value`) from the command line, else the default. */
export function arg(name: string, fallback: string): string {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === `--${name}`) return argv[i + 1] ?? fallback;
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return fallback;
}

/** True when `--name` is given. */
export function flag(name: string): boolean {
  return process.argv.slice(2).includes(`--${name}`);
}
