/**
 * The customer recap as PDF in the desktop app: main renders the recap's HTML in a
 * hidden window with JavaScript off (the recap is a static document), prints it to PDF
 * with Chromium's own engine, asks where to save it, and writes the file whole (temp file,
 * then rename) so a failed save never leaves half a PDF behind.
 */
import { BrowserWindow, dialog } from "electron";
import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { checkPdfRequest, type PdfResult } from "../../shared/bridge";

async function renderPdf(html: string): Promise<Buffer> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true },
  });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await win.webContents.printToPDF({ printBackground: true, pageSize: "A4" });
  } finally {
    win.destroy();
  }
}

export async function savePdf(input: unknown, parent: BrowserWindow | null): Promise<PdfResult> {
  const request = checkPdfRequest(input);
  if (!request.ok) throw new Error(request.message);
  const pdf = await renderPdf(request.value.html);
  const options = { defaultPath: request.value.fileName, filters: [{ name: "PDF", extensions: ["pdf"] }] };
  const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { saved: false };
  const target = choice.filePath;
  const temp = join(dirname(target), `.${randomBytes(6).toString("hex")}.baton-pdf.tmp`);
  try {
    await writeFile(temp, pdf);
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw new Error(`The PDF could not be saved to ${target}: ${(e as Error).message}`, { cause: e });
  }
  return { saved: true, path: target };
}
