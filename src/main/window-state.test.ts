/** Where the window opens: where it was left, never off-screen (window-state.ts). */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadWindowState, parseWindowState, saveWindowState, windowBounds } from "./window-state";

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const external = { x: 1440, y: -200, width: 2560, height: 1400 };

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "baton-main-"));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  while (dirs.length) await rm(dirs.pop()!, { recursive: true, force: true });
});

describe("the window's size and place", () => {
  it("opens where it was left when that is on a screen", () => {
    const saved = { x: 1600, y: 0, width: 1400, height: 900, maximized: false };
    expect(windowBounds(saved, [laptop, external])).toEqual(saved);
  });

  it("never opens off-screen: on a monitor since unplugged it opens centred on the primary screen", () => {
    const saved = { x: 1600, y: 0, width: 1400, height: 900, maximized: true };
    expect(windowBounds(saved, [laptop])).toEqual({ x: 20, y: 0, width: 1400, height: 875, maximized: true });
  });

  it("keeps a window whose title bar is partly on screen, pulled fully onto it and no larger than it", () => {
    expect(windowBounds({ x: -300, y: 100, width: 1000, height: 700, maximized: false }, [laptop])).toEqual({ x: 0, y: 100, width: 1000, height: 700, maximized: false });
    expect(windowBounds({ x: 100, y: 50, width: 3000, height: 2000, maximized: false }, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 875, maximized: false });
  });

  it("treats a title bar only a few pixels on screen as off-screen", () => {
    const saved = { x: 1430, y: 100, width: 1000, height: 700, maximized: false };
    expect(windowBounds(saved, [laptop]).x).toBe(220);
  });

  it("opens at the default size, centred, the first time", () => {
    expect(windowBounds(null, [laptop])).toEqual({ x: 80, y: 8, width: 1280, height: 860, maximized: false });
  });

  it("is kept in userData, and a damaged file is ignored", async () => {
    const dir = await tempDir();
    expect(await loadWindowState(dir)).toBeNull();
    await saveWindowState(dir, { x: 10, y: 20, width: 900, height: 600, maximized: true });
    expect(await loadWindowState(dir)).toEqual({ x: 10, y: 20, width: 900, height: 600, maximized: true });
    await writeFile(join(dir, "window-state.json"), "{not json");
    expect(await loadWindowState(dir)).toBeNull();
    expect(parseWindowState({ x: "10", y: 0, width: 900, height: 600 })).toBeNull();
    expect(parseWindowState({ x: 0, y: 0, width: -5, height: 600 })).toBeNull();
  });
});
