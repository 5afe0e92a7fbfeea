/**
 * The preload bridge: the one object Electron's preload exposes to the renderer with
 * `contextBridge`. Browser mode has no bridge; the renderer then asks the host page.
 */
import type { Endpoint } from "./api";
import type { AppCommand } from "./app-commands";

/** A document to save as PDF (the customer recap): its HTML and the file name to suggest. */
export interface PdfRequest {
  html: string;
  fileName: string;
}

/** What became of a PDF request: saved to `path`, or the person cancelled the save dialog. */
export type PdfResult = { saved: true; path: string } | { saved: false };

/** Largest HTML main renders to PDF (characters) and longest suggested file name. */
export const PDF_LIMITS = { htmlChars: 4_000_000, fileName: 120 } as const;

/**
 * Check a PDF request from the renderer (main trusts nothing it receives): HTML of a
 * sane size, and a plain file name ending in .pdf with no path in it.
 */
/** Path separators, characters Windows refuses, and control characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNSAFE_IN_FILE_NAMES = new RegExp('[\\\\/:*?"<>|\\u0000-\\u001f\\u007f]+', "g");

export function checkPdfRequest(input: unknown): { ok: true; value: PdfRequest } | { ok: false; message: string } {
  const r = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  if (typeof r.html !== "string" || r.html.trim() === "") return { ok: false, message: "There is nothing to save as PDF." };
  if (r.html.length > PDF_LIMITS.htmlChars) return { ok: false, message: "The recap is too large to save as PDF." };
  const raw = typeof r.fileName === "string" ? r.fileName : "";
  // No folders, no control characters, nothing a file system refuses; always .pdf.
  const base = raw
    .replace(UNSAFE_IN_FILE_NAMES, "-")
    .replace(/\.pdf$/i, "")
    .replace(/^[.\s-]+|[.\s-]+$/g, "")
    .slice(0, PDF_LIMITS.fileName - 4);
  return { ok: true, value: { html: r.html, fileName: `${base || "recap"}.pdf` } };
}

export interface BatonBridge {
  /** Where the sync node of this window listens. */
  endpoint(): Promise<Endpoint>;
  /**
   * Receive the commands of the application menu, deep links and clicked reminders
   * (checked with `checkAppCommand` before they reach `listener`); returns a function
   * that stops listening. Reminders themselves are shown by main, from the sync node.
   */
  onCommand(listener: (command: AppCommand) => void): () => void;
  /** Render HTML (the customer recap) to PDF in main and save it where the person chooses. */
  savePdf(request: PdfRequest): Promise<PdfResult>;
  /** "electron" in the desktop app. */
  readonly platform: "electron";
}

/** The name under which the bridge appears on `window`. */
export const BRIDGE_KEY = "baton";
