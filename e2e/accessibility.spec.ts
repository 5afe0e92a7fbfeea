/**
 * Readable for everyone, in light and dark mode: axe-core runs over every screen and tab
 * as a person reaches them (with content on each, a damaged item shown, dialogs open)
 * and finds no serious or critical violation — WCAG AA contrast above all (4.5:1 for
 * text, 3:1 for large text and controls). The system's colour scheme is emulated, as a
 * laptop set to dark mode would ask for it.
 *
 * E2E_SCREENSHOTS=1 also saves a full-page screenshot of each screen under test-results/.
 */
import { writeFile } from "node:fs/promises";
import { test, expect, type Page } from "@playwright/test";
import { Repo, type DocumentId } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import { addCommitment, addMilestone, hostMeeting, openBaton, setUpProfile } from "./support/app";
import { addContact, addRequirement, commitmentRowAt, milestoneRowAt, openTab, type TabName } from "./support/lifecycle";
import { describeViolations, seriousViolations, type Violation } from "./support/axe";
import { Instances } from "./support/instances";
import { parseMeetingCode } from "../shared/meeting-code";

const laptops = new Instances();
let stranger: Repo | null = null;
test.afterEach(async () => {
  await stranger?.shutdown();
  stranger = null;
  await laptops.stopAll();
});

const TABS: TabName[] = ["Promises & plan", "Contacts", "Risks", "Order & payment", "Most important call", "Handoff", "Customer recap", "Relationship", "Timeline"];

/** A date `days` from today (YYYY-MM-DD). */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Wait until transitions (a dialog fading in, a tab's indicator) are over: axe reads the colours drawn now. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`every screen and tab passes axe's serious and critical rules in ${colorScheme} mode`, async ({ browser }) => {
    test.setTimeout(180_000);
    const rep = await laptops.start(`axe-${colorScheme}`);
    const page = await openBaton(browser, rep.proc.url, { colorScheme, bypassCSP: true });
    const found: Violation[] = [];
    const scanned: string[] = [];
    const scan = async (screen: string) => {
      await settled(page);
      found.push(...(await seriousViolations(page, screen)));
      scanned.push(screen);
      if (process.env.E2E_SCREENSHOTS) {
        await page.screenshot({ path: test.info().outputPath(`${colorScheme}-${String(scanned.length).padStart(2, "0")}-${screen.replace(/\W+/g, "-")}.png`), fullPage: true });
      }
    };

    // First start: the profile form, before anything else — in the scheme the system asks for.
    await expect(page.getByLabel("Your name")).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("data-mantine-color-scheme", colorScheme);
    await scan("First start");
    await setUpProfile(page, "Riley Rep", "Rep");
    await scan("Today, empty");

    // An account with something in every part, so each tab draws its rows, badges and warnings.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
    await page.getByRole("button", { name: "New account" }).click();
    await expect(page.getByLabel("Account name")).toBeVisible();
    await scan("Accounts, new account form");
    await page.getByLabel("Account name").fill("Acme Logistics");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("list", { name: "Commitments" })).toBeAttached();
    const documentId = new URL(page.url()).hash.replace("#/accounts/", "");

    await addRequirement(page, "Order import from SAP", "Call note", "Call of 3 Mar");
    await addCommitment(page, "SAP connector live");
    await addCommitment(page, "Two on-site training days");
    await commitmentRowAt(page, 0).getByLabel("Meets requirement").selectOption({ label: "Order import from SAP" });
    await commitmentRowAt(page, 1).getByLabel("Due date").fill(inDays(-3));
    await addMilestone(page, "Connector build");
    await milestoneRowAt(page, 0).getByLabel("Start date").fill(inDays(10));
    await milestoneRowAt(page, 0).getByLabel("End date").fill(inDays(30));
    const callback = page.getByRole("form", { name: "Agree a callback" });
    await callback.getByLabel("Reason for the callback").fill("The CFO decides on Friday");
    await callback.getByLabel("Callback date").fill(inDays(2));
    await callback.getByLabel("Callback time", { exact: true }).fill("10:00");
    await callback.getByRole("button", { name: "Save follow-up" }).click();
    await expect(page.getByRole("list", { name: "Calls to make" }).getByRole("listitem")).toHaveCount(1);

    await openTab(page, "Contacts");
    await addContact(page, "Maria Schulz", "Decision maker", "maria@acme.example", "+49 40 123456");
    await openTab(page, "Risks");
    const risk = page.getByRole("form", { name: "Add a risk" });
    await risk.getByLabel("New risk").fill("Competitor offered 10% less");
    await risk.getByRole("button", { name: "Add risk" }).click();
    await expect(risk.getByLabel("New risk")).toHaveValue("");
    await openTab(page, "Order & payment");
    await page.getByLabel("Order reference").fill("PO-4711");
    await page.getByLabel("Invoice reference").fill("INV-5521");
    await page.getByLabel("Invoice date").fill(inDays(-40));
    await page.getByLabel("Payment due date").fill(inDays(-10));
    await expect(page.getByRole("alert").filter({ hasText: "Payment overdue" })).toBeVisible();
    await openTab(page, "Relationship");
    await page.getByLabel("New opportunity").fill("A second site in Lyon");
    await page.getByRole("button", { name: "Note opportunity" }).click();
    await expect(page.getByLabel("New opportunity")).toHaveValue("");

    for (const tab of TABS) {
      await openTab(page, tab);
      await scan(`Account, ${tab}`);
    }

    // A date field's calendar, open.
    await openTab(page, "Promises & plan");
    await commitmentRowAt(page, 0).getByLabel("Due date").click();
    await expect(page.getByRole("button", { name: "Next month" })).toBeVisible();
    // Scanned once faded in: mid-transition its text is part-transparent, and reads fainter than it is.
    await expect(page.locator("[data-dates-dropdown]")).toHaveCSS("opacity", "1");
    await scan("Date field's calendar");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("button", { name: "Next month" })).toBeHidden();

    // The stage move dialog, as for marking the deal lost (it asks why).
    // Items of the account fall due today: their reminders (scanned above) would cover the stage bar.
    const reminders = page.getByRole("region", { name: "Reminders" });
    while ((await reminders.getByRole("button", { name: /^Dismiss/ }).count()) > 0) await reminders.getByRole("button", { name: /^Dismiss/ }).first().click();
    await page.getByRole("button", { name: "More stage moves" }).click();
    await page.getByRole("menuitem", { name: "Mark as lost…" }).click();
    await expect(page.getByRole("menu")).toBeHidden();
    const move = page.getByRole("dialog", { name: "Change the stage" });
    await expect(move).toBeVisible();
    await scan("Stage move dialog");
    await page.keyboard.press("Escape");
    await expect(move).toBeHidden();

    // Today with an overdue commitment and an upcoming call, then that call's guide.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Today/ }).click();
    await expect(page.getByRole("list", { name: "Upcoming calls" }).getByRole("listitem")).toHaveCount(1);
    await scan("Today");
    await page.getByRole("list", { name: "Upcoming calls" }).getByRole("link", { name: /Open call guide/ }).click();
    await expect(page.getByRole("heading", { name: "Follow-up call — Acme Logistics", level: 1 })).toBeVisible();
    await scan("Call guide");
    await page.getByRole("radio", { name: "Left a voicemail" }).check();
    await expect(page.getByLabel("Voicemail script")).toBeVisible();
    await scan("Call guide, voicemail");
    await page.getByRole("combobox", { name: "Retry time zone" }).click();
    await expect(page.getByRole("listbox")).toBeVisible();
    await scan("Call guide, time zone picker");
    await page.keyboard.press("Escape");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
    await expect(page.getByRole("grid", { name: "Accounts" }).getByRole("link")).toHaveCount(1);
    await scan("Accounts");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    await scan("Settings");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import & export" }).click();
    await page.getByLabel("Choose a file to import").setInputFiles({
      name: "crm.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("Company name,Email,Deal Stage,Amount\r\nGlobex,hank@globex.example,Closed Won,18400.50\r\nInitech,bill.initech.example,Pilot,12\r\n"),
    });
    await expect(page.getByRole("form", { name: "Row 3" })).toBeVisible();
    await scan("Import and export, a CSV previewed");

    await page.getByRole("button", { name: "Join meeting" }).click();
    const join = page.getByRole("dialog", { name: "Join meeting" });
    await expect(join).toBeVisible();
    await scan("Join meeting dialog");
    await page.keyboard.press("Escape");
    await expect(join).toBeHidden();

    // Search, with what it found for part of an account's name.
    await page.keyboard.press("ControlOrMeta+K");
    const search = page.getByRole("dialog", { name: "Search" });
    await search.getByLabel(/^Search accounts/).fill("a");
    await scan("Search");
    await page.keyboard.press("Escape");
    await expect(search).toBeHidden();

    // A peer in the meeting writes a commitment that makes no sense: the damaged item is shown.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
    await page.getByRole("grid", { name: "Accounts" }).getByRole("link", { name: "Acme Logistics" }).click();
    const code = parseMeetingCode(await hostMeeting(page))!;
    stranger = new Repo({ network: [new WebSocketClientAdapter(`ws://${code.host}:${code.port}/?token=${code.secret}&name=Mallory`)] });
    const theirs = await stranger.find<Record<string, Record<string, unknown>>>(documentId as DocumentId, { signal: AbortSignal.timeout(15_000) });
    theirs.change((d) => {
      d.commitments!.junk = 42;
    });
    await expect(page.getByRole("alert").filter({ hasText: /^A damaged commitment/ })).toBeVisible();
    await scan("Account with a damaged item, in a meeting");

    await writeFile(test.info().outputPath("axe-violations.json"), JSON.stringify({ colorScheme, scanned, found }, null, 2));
    expect(found, describeViolations(found)).toEqual([]);
  });
}
