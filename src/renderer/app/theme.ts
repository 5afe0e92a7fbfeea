/**
 * Baton's look: calm, neutral, one accent colour, compact desktop density — readable for
 * everyone in light and dark mode (WCAG AA: 4.5:1 for text, 3:1 for large text and controls).
 *
 * Contrast is settled here, once, not screen by screen:
 * - The palettes are Mantine's, with the shades that carry text made darker. Mantine draws
 *   `c="red"` text and filled buttons with shade 7 (`primaryShade`), and light badges and
 *   alerts with shade 9 on shade 1; its stock orange, yellow, green, teal and red reach
 *   only 2–3.9:1 there. Here shade 7 reads at 4.6:1 or more on the palest tints (red 1),
 *   shade 8 at 5.6:1, shade 9 at 5.2:1 on its own shade 1; white on shade 7 at 5.5:1.
 *   Shades 0–6 (tints, borders, dots) are Mantine's, except where dark mode writes text
 *   with them (shade 4 on the dark surfaces) and the two greys below.
 * - Dimmed text: gray 6 is 4.6:1 on the tinted rows (Mantine's #868e96 was 3.3:1 on
 *   white); in dark mode dark 2 is 4.6:1 on the hovered surface (dark 5).
 * - A few surfaces of Baton's own (the page behind the cards, table heads, dividers)
 *   are named variables with a light and a dark value, so that CSS modules never name
 *   a colour that only works in one scheme. theme.test.ts checks the figures.
 */
import { createTheme, Modal, type CSSVariablesResolver, type MantineColorsTuple } from "@mantine/core";
import { CLOSE_LABEL } from "../words/labels";

const palettes = {
  dark: ["#c9c9c9", "#b8b8b8", "#a6a6a6", "#696969", "#424242", "#3b3b3b", "#2e2e2e", "#242424", "#1f1f1f", "#141414"],
  gray: ["#f8f9fa", "#f1f3f5", "#e9ecef", "#dee2e6", "#ced4da", "#adb5bd", "#676e76", "#495057", "#343a40", "#212529"],
  red: ["#fff5f5", "#ffe3e3", "#ffc9c9", "#ffa8a8", "#ff8787", "#ff6b6b", "#fa5252", "#d01010", "#b70e0e", "#a30c0c"],
  pink: ["#fff0f6", "#ffdeeb", "#fcc2d7", "#faa2c1", "#f783ac", "#f06595", "#e64980", "#c2275d", "#ac2151", "#991c47"],
  grape: ["#f8f0fc", "#f3d9fa", "#eebefa", "#e599f7", "#da77f2", "#cc5de8", "#be4bdb", "#a134bb", "#8c31a3", "#7d2b91"],
  violet: ["#f3f0ff", "#e5dbff", "#d0bfff", "#b197fc", "#a183fa", "#845ef7", "#7950f2", "#6f47e8", "#6139d7", "#5737b6"],
  indigo: ["#edf2ff", "#dbe4ff", "#bac8ff", "#91a7ff", "#748ffc", "#5c7cfa", "#4c6ef5", "#3558ea", "#284bd8", "#2342c1"],
  blue: ["#e7f5ff", "#d0ebff", "#a5d8ff", "#74c0fc", "#4dabf7", "#339af0", "#228be6", "#186ab5", "#155d9e", "#13528c"],
  cyan: ["#e3fafc", "#c5f6fa", "#99e9f2", "#66d9e8", "#3bc9db", "#22b8cf", "#15aabf", "#0c7282", "#0b6472", "#0a5864"],
  teal: ["#e6fcf5", "#c3fae8", "#96f2d7", "#63e6be", "#38d9a9", "#20c997", "#12b886", "#097656", "#08684c", "#075c43"],
  green: ["#ebfbee", "#d3f9d8", "#b2f2bb", "#8ce99a", "#69db7c", "#51cf66", "#40c057", "#257733", "#20682d", "#1c5c28"],
  lime: ["#f4fce3", "#e9fac8", "#d8f5a2", "#c0eb75", "#a9e34b", "#94d82d", "#82c91e", "#48730e", "#3f650c", "#38590b"],
  yellow: ["#fff9db", "#fff3bf", "#ffec99", "#ffe066", "#ffd43b", "#fcc419", "#fab005", "#905d00", "#7e5100", "#704800"],
  orange: ["#fff4e6", "#ffe8cc", "#ffd8a8", "#ffc078", "#ffa94d", "#ff922b", "#fd7e14", "#ae4805", "#993f04", "#883804"],
} satisfies Record<string, MantineColorsTuple>;

export const theme = createTheme({
  colors: palettes,
  primaryColor: "indigo",
  primaryShade: 7,
  defaultRadius: "md",
  fontFamily:
    'Inter, "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif',
  headings: {
    fontWeight: "650",
    sizes: {
      h1: { fontSize: "1.625rem", lineHeight: "1.25" },
      h2: { fontSize: "1.125rem", lineHeight: "1.35" },
      h3: { fontSize: "1rem", lineHeight: "1.4" },
    },
  },
  cursorType: "pointer",
  components: {
    // Mantine's close button is an icon with no name: screen readers announced "button".
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": CLOSE_LABEL } } }),
  },
});

/**
 * Baton's named surfaces, and Mantine's variables that Baton sets otherwise, per scheme.
 * CSS modules use these (and Mantine's `--mantine-color-body`, `-text`, `-dimmed`,
 * `-{color}-text`, `-{color}-light`) instead of a palette shade that suits one scheme only.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    // Placeholders carry hints ("YYYY-MM-DD", "e.g. PO-2026-0142"): as readable as dimmed text.
    "--mantine-color-placeholder": "var(--mantine-color-gray-6)",
    "--baton-color-page": "var(--mantine-color-gray-0)",
    "--baton-color-subtle": "var(--mantine-color-gray-0)",
    "--baton-color-hover": "var(--mantine-color-gray-1)",
    "--baton-color-divider": "var(--mantine-color-gray-2)",
    "--baton-color-border": "var(--mantine-color-gray-3)",
    "--baton-color-quiet": "var(--mantine-color-gray-7)",
    "--baton-color-focus-row": "var(--mantine-color-indigo-0)",
  },
  dark: {
    // Mantine's dimmed grey (dark-2) read at 3.8:1 on popovers (calendars' weekdays and outside days).
    "--mantine-color-dimmed": "var(--mantine-color-dark-1)",
    "--mantine-color-placeholder": "var(--mantine-color-dark-2)",
    "--baton-color-page": "var(--mantine-color-dark-8)",
    "--baton-color-subtle": "var(--mantine-color-dark-6)",
    "--baton-color-hover": "var(--mantine-color-dark-5)",
    "--baton-color-divider": "var(--mantine-color-dark-5)",
    "--baton-color-border": "var(--mantine-color-dark-4)",
    "--baton-color-quiet": "var(--mantine-color-dark-1)",
    // The accent's dark tint at full strength turned a whole row navy: a quarter of it reads as focus.
    "--baton-color-focus-row": "color-mix(in srgb, var(--mantine-color-indigo-9) 25%, var(--mantine-color-dark-7))",
  },
});
