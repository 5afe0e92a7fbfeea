/** The window: Mantine around the boot sequence (wasm → endpoint → sync client). */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { MantineProvider, type MantineColorSchemeManager } from "@mantine/core";
import "@mantine/core/styles.css";
import "@mantine/dates/styles.css";
import "./global.css";
import { cssVariablesResolver, theme } from "./theme";
import { Boot } from "./Boot";

/**
 * The window follows the system's scheme and offers no choice of its own, so there is
 * nothing to keep: Mantine's default manager would read localStorage as the window
 * starts, and the first touch of localStorage opens the page's storage synchronously.
 */
const systemColorScheme: MantineColorSchemeManager = {
  get: (defaultValue) => defaultValue,
  set: () => undefined,
  subscribe: () => undefined,
  unsubscribe: () => undefined,
  clear: () => undefined,
};

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

createRoot(root).render(
  <StrictMode>
    {/* The system's light or dark mode, followed live (Electron's nativeTheme and browsers report it). */}
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto" colorSchemeManager={systemColorScheme}>
      <Boot />
    </MantineProvider>
  </StrictMode>,
);
