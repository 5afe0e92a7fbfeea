/**
 * A CSV file's bytes as rows of text. CRMs and spreadsheets write CSV in UTF-8 (with or
 * without a byte-order mark), UTF-16 (Excel's "Unicode text") or Latin-1 / Windows-1252
 * (older Excel): the encoding is read from the mark, else from where the zero bytes fall,
 * else UTF-8 when the bytes are valid UTF-8, else Windows-1252 (which reads every byte).
 * Parsing is papaparse's (quoted fields, quoted line breaks, delimiters , ; tab |).
 */
import Papa from "papaparse";
import { ApiFailure } from "../api/api-failure";

export interface CsvTable {
  encoding: string;
  headers: string[];
  rows: string[][];
}

/** Most rows read from one file. */
export const CSV_MAX_ROWS = 200_000;
/** Most columns read. */
export const CSV_MAX_COLUMNS = 500;

/** The file's text and the encoding it was written in. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: string } {
  const b = bytes;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: new TextDecoder("utf-8").decode(b.subarray(3)), encoding: "UTF-8" };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(b.subarray(2)), encoding: "UTF-16LE" };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(b.subarray(2)), encoding: "UTF-16BE" };
  // Without a mark, UTF-16 text of mostly Latin letters has a zero in every other byte.
  const sample = b.subarray(0, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) evenZeros++;
    else oddZeros++;
  }
  const half = sample.length / 2;
  if (half > 0 && oddZeros > half * 0.3 && evenZeros === 0) return { text: new TextDecoder("utf-16le").decode(b), encoding: "UTF-16LE" };
  if (half > 0 && evenZeros > half * 0.3 && oddZeros === 0) return { text: new TextDecoder("utf-16be").decode(b), encoding: "UTF-16BE" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(b), encoding: "UTF-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(b), encoding: "Windows-1252 (Latin-1)" };
  }
}

/** The header row and data rows of a CSV file, or a refusal saying what is wrong with it. */
export function readCsv(bytes: Uint8Array): CsvTable {
  if (bytes.length === 0) throw new ApiFailure(422, "That file is empty.");
  if (looksBinary(bytes)) throw new ApiFailure(422, "That file is not a CSV file (it holds binary data). Export a CSV from your CRM and choose that.");
  const { text, encoding } = decodeCsv(bytes);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: "greedy", delimitersToGuess: [",", ";", "\t", "|"] });
  const data = parsed.data;
  if (data.length === 0) throw new ApiFailure(422, "That file holds no rows.");
  const headers = (data[0] ?? []).map((h) => h.trim());
  if (headers.length > CSV_MAX_COLUMNS) throw new ApiFailure(422, `That file has ${String(headers.length)} columns; Baton reads at most ${String(CSV_MAX_COLUMNS)}.`);
  if (headers.every((h) => h === "")) throw new ApiFailure(422, "The first row of that file is empty: Baton needs the column names there.");
  const rows = data.slice(1);
  if (rows.length === 0) throw new ApiFailure(422, "That file has column names but no rows.");
  if (rows.length > CSV_MAX_ROWS) throw new ApiFailure(422, `That file has ${String(rows.length)} rows; Baton imports at most ${String(CSV_MAX_ROWS)} at a time. Split it and import each part.`);
  // A quote left open swallows the rest of the file into one cell: say where, not import half.
  const unclosed = parsed.errors.find((e) => e.code === "MissingQuotes");
  if (unclosed) throw new ApiFailure(422, `A quote opened in row ${String((unclosed.row ?? 0) + 1)} is never closed, so the rest of the file cannot be read. Check that row in a spreadsheet and export again.`);
  return { encoding, headers, rows };
}

/** Zip files, spreadsheets (xlsx is a zip) and images are not CSV: NUL bytes in UTF-8 text or a zip's magic. */
function looksBinary(b: Uint8Array): boolean {
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return true;
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return false;
  const sample = b.subarray(0, 4096);
  let zeros = 0;
  for (const x of sample) if (x === 0) zeros++;
  // UTF-16 without a mark has many zeros on one side; binary has them scattered. decodeCsv tells them apart.
  return zeros > 0 && zeros < sample.length * 0.2;
}
