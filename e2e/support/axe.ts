/**
 * axe-core in the page, from the installed package (no network): what a screen reader user
 * or someone with low vision would trip over on the screen as it is drawn now.
 */
import { createRequire } from "node:module";
import type { Page } from "@playwright/test";

const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** One rule broken on one screen, with where (a few of the elements) and why. */
export interface Violation {
  screen: string;
  rule: string;
  impact: string;
  help: string;
  count: number;
  /** Each element: its selector and what is wrong with it. */
  elements: string[];
}

/** axe's violations on what the page shows now, of impact serious or critical. */
export async function seriousViolations(page: Page, screen: string): Promise<Violation[]> {
  // The app's Content-Security-Policy refuses injected scripts: the context needs `bypassCSP`.
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE_SCRIPT });
  const found = await page.evaluate(async () => {
    type Result = { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Result[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ["violations"] });
    return violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? "unknown",
      help: v.help,
      count: v.nodes.length,
      elements: v.nodes.map((n) => `${n.target.join(" ")}: ${(n.failureSummary ?? "").split("\n").slice(1).join(" ").trim()}`),
    }));
  });
  return found.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({ screen, ...v }));
}

/** A readable list for a failed expectation: screen, rule, how many elements, the first few. */
export function describeViolations(violations: Violation[]): string {
  return violations.map((v) => `${v.screen}: ${v.rule} (${v.impact}) on ${v.count} element(s) — ${v.help}\n    ${v.elements.slice(0, 4).join("\n    ")}`).join("\n");
}
