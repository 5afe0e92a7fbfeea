/**
 * A rep brings their pipeline in from HubSpot and takes an account out: a HubSpot-style CSV
 * of 50 companies with contacts and deals (columns as HubSpot names them, made by hand in
 * e2e/fixtures) is previewed, a row the preview flags is fixed in place, imported, and
 * imported again without duplicates; one account is exported as an account file and
 * imported into a fresh instance, identical. An account file of thousands of accounts
 * imports with progress and a Cancel that keeps the accounts already in, and says so.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import * as A from "@automerge/automerge";
import { generateAutomergeUrl, parseAutomergeUrl } from "@automerge/automerge-repo";
import { strFromU8, unzipSync } from "fflate";
import type { AccountDoc } from "../shared/account/schema";
import { createAccount } from "../shared/commands/account";
import { accountFileParts, writeAccountFile } from "../src/node/transfer/account-file";
import { openBaton, setUpProfile } from "./support/app";
import { Instances } from "./support/instances";
import { tempDataDir } from "./support/processes";

const laptops = new Instances();
test.afterEach(() => laptops.stopAll());

const FIXTURE = join(import.meta.dirname, "fixtures", "hubspot-companies-contacts-deals.csv");

async function openImportExport(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import & export" }).click();
  await expect(page.getByRole("heading", { name: "Import and export", level: 1 })).toBeVisible();
}

async function exportAccountFile(page: Page, account: string, into: string): Promise<Uint8Array> {
  await page.getByLabel("What").selectOption({ label: "Account file with full history (.zip)" });
  await page.getByLabel("Accounts", { exact: true }).selectOption({ label: account });
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export" }).click();
  const file = await download;
  const path = join(into, file.suggestedFilename());
  await file.saveAs(path);
  await expect(page.getByRole("status").filter({ hasText: "1 account exported." })).toBeVisible();
  return new Uint8Array(await readFile(path));
}

/** The readable JSON and the document's hash of the one account in an account file. */
function contentsOf(zip: Uint8Array): { json: unknown; sha256: string } {
  const files = unzipSync(zip);
  const manifest = JSON.parse(strFromU8(files["baton-accounts.json"]!)) as { accounts: { readable: string; sha256: string }[] };
  const entry = manifest.accounts[0]!;
  return { json: JSON.parse(strFromU8(files[entry.readable]!)), sha256: entry.sha256 };
}

test("a HubSpot export imports with a fixed row, re-imports without duplicates, and an account travels to a fresh instance", async ({ browser }) => {
  const rep = await laptops.start("rep");
  const page = await openBaton(browser, rep.proc.url);
  await setUpProfile(page, "Ana Rep", "Rep");
  await openImportExport(page);

  // 1. The file is read by the node; the preview names what it found and flags one row.
  await page.getByLabel("Choose a file to import").setInputFiles(FIXTURE);
  await expect(page.getByText("HubSpot export", { exact: false })).toBeVisible();
  const rows = page.getByRole("status").filter({ hasText: "ready" });
  await expect(rows).toHaveText("98 ready · 1 with problems · 50 new accounts · 0 to update · 98 contacts · 49 deals");
  await expect(page.getByLabel("Company (account name)")).toHaveValue("1");
  await expect(page.getByLabel("Baton stage for “Closed Won”")).toHaveValue("ordered");
  await expect(page.getByLabel("Baton stage for “Contract Sent”")).toHaveValue("promised");
  await expect(page.getByLabel("Baton stage for “Closed Lost”")).toHaveValue("lost");

  // 2. The flagged row is fixed in place.
  const flagged = page.getByRole("form", { name: "Row 33" });
  await expect(flagged.getByText("is not an email address")).toBeVisible();
  await flagged.getByLabel("Email").fill("ben.weber@oceanic.example");
  await flagged.getByRole("button", { name: "Fix row 33" }).click();
  await expect(rows).toHaveText("99 ready · 0 with problems · 50 new accounts · 0 to update · 99 contacts · 50 deals");

  // 3. Import: progress, then what happened.
  await page.getByRole("button", { name: "Import 50 accounts" }).click();
  const imported = page.getByRole("status").filter({ hasText: "Imported from HubSpot" });
  await expect(imported).toContainText("Imported from HubSpot: 50 accounts added, 0 updated.", { timeout: 60_000 });
  await expect(imported.getByRole("list", { name: "Accounts imported" }).getByRole("listitem")).toHaveCount(50);
  await expect(imported.getByRole("listitem").filter({ hasText: "Initech, Inc." })).toHaveText("Initech, Inc. — added");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  await expect(page.getByText("50 accounts on this device")).toBeVisible();

  // 4. The same file again updates the 50 accounts instead of adding 50 more.
  await openImportExport(page);
  await page.getByLabel("Choose a file to import").setInputFiles(FIXTURE);
  await expect(rows).toContainText("0 new accounts · 50 to update");
  await page.getByRole("button", { name: "Import 50 accounts" }).click();
  await expect(imported).toContainText("Imported from HubSpot: 0 accounts added, 50 updated, 1 row with problems left out.", { timeout: 60_000 });
  await expect(imported.getByRole("listitem").filter({ hasText: "Initech, Inc." })).toHaveText("Initech, Inc. — updated");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  await expect(page.getByText("50 accounts on this device")).toBeVisible();
  // The grid draws the rows on screen: type-ahead finds Initech, and the row after it (by
  // name) is another account, so there is one Initech.
  const grid = page.getByRole("grid", { name: "Accounts" });
  await grid.getByRole("link").first().focus();
  await page.keyboard.type("initech");
  const focused = () => page.evaluate(() => document.activeElement?.textContent ?? "");
  await expect.poll(focused).toBe("Initech, Inc.");
  await page.keyboard.press("ArrowDown");
  await expect.poll(focused).not.toBe("Initech, Inc.");
  await expect.poll(focused).not.toBe("");
  // The company's domain came with it ("Company Domain Name"), shown beside its name.
  await expect(grid.getByRole("row").filter({ hasText: "Initech, Inc." })).toContainText("initech.example");
  if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: join(process.env.SCREENSHOTS_DIR, "accounts-with-domains.png") });

  // 5. One account out as an account file, into a fresh instance, identical.
  const downloads = await tempDataDir("downloads");
  laptops.track(null, downloads);
  await openImportExport(page);
  const exported = await exportAccountFile(page, "Initech, Inc.", downloads);

  const fresh = await laptops.start("fresh");
  const other = await openBaton(browser, fresh.proc.url);
  await setUpProfile(other, "Dana Lead", "Delivery lead");
  await openImportExport(other);
  await other.getByLabel("Choose a file to import").setInputFiles({ name: "initech.zip", mimeType: "application/zip", buffer: Buffer.from(exported) });
  await expect(other.getByRole("status").filter({ hasText: "imported" })).toContainText("1 account imported: 1 added.");
  await other.getByRole("link", { name: "Initech, Inc." }).click();
  await expect(other.getByRole("heading", { name: "Initech, Inc.", level: 1 })).toBeVisible();
  await expect(other.getByLabel("The customer's domain and phone")).toHaveText("initech.example");

  await openImportExport(other);
  const back = await exportAccountFile(other, "Initech, Inc.", downloads);
  expect(contentsOf(back)).toEqual(contentsOf(exported));
});

/** An account file of `n` accounts (twenty distinct ones, each under many ids), as another Baton exports it. */
function manyAccountsFile(n: number): Uint8Array {
  const by = { id: "p-lee", name: "Lee Rep", role: "rep" as const };
  const docs = Array.from({ length: 20 }, (_, i) => A.change(A.init<AccountDoc>(), (d) => createAccount(d, { name: `Northwind ${String(i + 1)}`, by, at: "2026-11-02T09:00:00.000Z" })));
  return writeAccountFile(
    Array.from({ length: n }, (_, i) => {
      const { documentId } = parseAutomergeUrl(generateAutomergeUrl());
      return { documentId, ...accountFileParts(documentId, docs[i % docs.length]!) };
    }),
  );
}

test("an account file of thousands of accounts imports with progress, and a Cancel keeps the accounts already in, each whole", async ({ browser }) => {
  const lead = await laptops.start("lead");
  const page = await openBaton(browser, lead.proc.url);
  await setUpProfile(page, "Dana Lead", "Delivery lead");
  await openImportExport(page);

  await page.getByLabel("Choose a file to import").setInputFiles({ name: "baton-accounts.zip", mimeType: "application/zip", buffer: Buffer.from(manyAccountsFile(4_000)) });
  // Progress as the node counts accounts in, with a Cancel.
  const bar = page.getByRole("progressbar", { name: /of 4,000 accounts/ });
  await expect(bar).toBeVisible({ timeout: 30_000 });
  // First each account is loaded and checked, then written: Cancel while writing keeps what is in.
  await expect(page.getByRole("status").filter({ hasText: /^Writing [\d,]+ of 4,000 accounts$/ })).toBeVisible({ timeout: 60_000 });
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: test.info().outputPath("account-file-progress.png") });
  await page.getByRole("button", { name: "Cancel" }).click();

  // The outcome: how many are in (each whole, listed), how many were not touched.
  const outcome = page.getByRole("status").filter({ hasText: "Import cancelled after" });
  await expect(outcome).toBeVisible({ timeout: 30_000 });
  await expect(bar).toBeHidden();
  const said = (await outcome.textContent()) ?? "";
  const kept = Number(/after ([\d,]+) accounts? of 4,000/.exec(said)?.[1]?.replace(/,/g, ""));
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(4_000);
  await expect(outcome).toContainText(`The other ${(4_000 - kept).toLocaleString("en")} were not touched; import the same file again to bring them in`);
  await expect(outcome.getByRole("list", { name: "Accounts imported" }).getByRole("listitem").first()).toContainText(/Northwind \d+ — added/);
  if (process.env.E2E_SCREENSHOTS) {
    await page.screenshot({ path: test.info().outputPath("account-file-cancelled.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: test.info().outputPath("account-file-cancelled-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });
  }

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  await expect(page.getByText(`${kept === 1 ? "1 account" : `${kept.toLocaleString("en")} accounts`} on this device`)).toBeVisible();
});
