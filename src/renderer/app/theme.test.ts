/**
 * The theme's colours meet WCAG AA where Mantine puts text: the figures theme.ts promises,
 * checked with WCAG's contrast formula so a palette edit cannot quietly undo them.
 */
import { describe, expect, it } from "vitest";
import { theme } from "./theme";

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const colors = theme.colors!;
const shade = (name: string, i: number) => colors[name]![i]!;
const WHITE = "#ffffff";
const hues = Object.keys(colors).filter((c) => c !== "dark" && c !== "gray");

describe("theme contrast (WCAG AA, 4.5:1 for text)", () => {
  it("covers every colour the window uses", () => {
    expect(hues).toEqual(expect.arrayContaining(["red", "orange", "yellow", "green", "teal", "blue", "indigo", "violet", "grape"]));
  });

  it.each(hues)("%s: text and filled buttons (shade 7) read on white, the page and the warning tints", (hue) => {
    for (const bg of [WHITE, shade("gray", 0), shade("gray", 1), shade("red", 1), shade("orange", 1), shade("yellow", 1)]) {
      expect(contrast(shade(hue, 7), bg), `${hue}.7 on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it.each(hues)("%s: light badges and alerts (shade 9 on shade 1) read", (hue) => {
    expect(contrast(shade(hue, 9), shade(hue, 1))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(shade(hue, 9), shade(hue, 0))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(hues)("%s: dark mode text (shade 4) reads on the dark surfaces", (hue) => {
    for (const bg of [shade("dark", 7), shade("dark", 6), shade("dark", 8)]) {
      expect(contrast(shade(hue, 4), bg), `${hue}.4 on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("dimmed text reads on white, the page, hovered and focused rows (light)", () => {
    for (const bg of [WHITE, shade("gray", 0), shade("gray", 1), shade("indigo", 0), shade("teal", 0)]) {
      expect(contrast(shade("gray", 6), bg), `gray.6 on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("dimmed text reads on the card, the page and hovered rows (dark)", () => {
    for (const bg of [shade("dark", 7), shade("dark", 8), shade("dark", 6), shade("dark", 5)]) {
      expect(contrast(shade("dark", 2), bg), `dark.2 on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
