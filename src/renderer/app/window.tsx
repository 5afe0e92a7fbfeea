/** The window: Mantine around the boot sequence (wasm → endpoint → sync client). */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { MantineProvider } from "@mantine/core";
import "@mantine/core/styles.css";
import "@mantine/dates/styles.css";
import "./global.css";
import { cssVariablesResolver, theme } from "./theme";
import { Boot } from "./Boot";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

createRoot(root).render(
  <StrictMode>
    {/* The system's light or dark mode, followed live (Electron's nativeTheme and browsers report it). */}
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      <Boot />
    </MantineProvider>
  </StrictMode>,
);
