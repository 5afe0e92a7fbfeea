/** Prints why each skipped test was skipped (the list reporter shows only that it was). */
import type { Reporter, TestCase, TestResult } from "@playwright/test/reporter";

export default class SkipReasonReporter implements Reporter {
  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== "skipped") return;
    const reason = test.annotations.find((a) => a.type === "skip")?.description ?? "no reason given";
    console.log(`  skipped: ${test.titlePath().slice(1).join(" › ")}\n    why: ${reason}`);
  }

  printsToStdio(): boolean {
    return true;
  }
}
