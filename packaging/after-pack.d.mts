/** Types of packaging/after-pack.mjs for its tests. */
export function packagedBinary(o: { appOutDir: string; electronPlatformName: string; executableName: string; productFilename: string }): string;
export function fusesFor(electronPlatformName: string): Record<string | number, unknown>;
export default function afterPack(context: unknown): Promise<void>;
