/**
 * The baseline both search scenarios measure against: what a search without an index
 * does — fold every entry's words at each keystroke and keep those holding every word.
 */
import { foldText, queryWords, type SearchEntry } from "../../shared";

export function naiveSearch(entries: readonly SearchEntry[], query: string): SearchEntry[] {
  const words = queryWords(query);
  return entries.filter((e) => {
    const text = foldText(`${e.title}\n${e.detail}\n${e.accountName}`);
    return words.every((w) => text.includes(w));
  });
}
