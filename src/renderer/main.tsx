/** The renderer's entry: Mantine around the boot sequence (wasm → endpoint → sync client). */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { MantineProvider } from "@mantine/core";
import "@mantine/core/styles.css";
import "./app/global.css";
import { theme } from "./app/theme";
import { Boot } from "./app/Boot";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Boot />
    </MantineProvider>
  </StrictMode>,
);
