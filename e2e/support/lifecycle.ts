/** What a rep or delivery lead does with an account's lifecycle (issue 3), by roles and labels. */
import { expect, type Page } from "@playwright/test";

export type TabName = "Promises & plan" | "Contacts" | "Risks" | "Order & payment" | "Most important call" | "Handoff" | "Customer recap" | "Relationship" | "Timeline";

export async function openTab(page: Page, name: TabName): Promise<void> {
  const tab = page.getByRole("tab", { name });
  await tab.click();
  await expect(tab).toHaveAttribute("aria-selected", "true");
}

export function dealStatus(page: Page) {
  return page.getByRole("status", { name: "Deal status" });
}

export function stageHeading(page: Page) {
  return page.getByRole("heading", { name: /^Stage: / });
}

/** Move to the next stage when nothing is open (one click). */
export async function moveTo(page: Page, stage: string): Promise<void> {
  await page.getByRole("button", { name: `Move to ${stage}`, exact: true }).click();
  await expect(stageHeading(page)).toHaveText(`Stage: ${stage}`);
}

/** Move to the next stage with items still open: the dialog asks for the reason. */
export async function moveAnywayTo(page: Page, stage: string, reason: string): Promise<void> {
  await page.getByRole("button", { name: `Move to ${stage}`, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Change the stage" });
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: `Move to ${stage} anyway` }).click();
  await expect(dialog).toBeHidden();
  await expect(stageHeading(page)).toHaveText(`Stage: ${stage}`);
}

export async function addContact(page: Page, name: string, role: string, email = "", phone = ""): Promise<void> {
  const form = page.getByRole("form", { name: "Add a contact" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Role").selectOption({ label: role });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Phone").fill(phone);
  await form.getByRole("button", { name: "Add contact" }).click();
  await expect(form.getByLabel("Name")).toHaveValue("");
}

export async function addRequirement(page: Page, text: string, source: "Call note" | "Email" | "Quote" | "Proposal", reference = ""): Promise<void> {
  const form = page.getByRole("form", { name: "Add a requirement" });
  await form.getByLabel("New requirement").fill(text);
  await form.getByLabel("Source", { exact: true }).selectOption({ label: source });
  await form.getByLabel("Source reference").fill(reference);
  await form.getByRole("button", { name: "Add requirement" }).click();
  await expect(form.getByLabel("New requirement")).toHaveValue("");
}

/** The nth row (0-based) of the commitments. */
export function commitmentRowAt(page: Page, index: number) {
  return page.getByRole("list", { name: "Commitments" }).getByRole("listitem").nth(index);
}

export function milestoneRowAt(page: Page, index: number) {
  return page.getByRole("list", { name: "Delivery plan" }).getByRole("listitem").nth(index);
}

/** Tick the commitments a milestone fulfils. */
export async function planCommitments(page: Page, milestoneIndex: number, commitments: string[]): Promise<void> {
  const row = milestoneRowAt(page, milestoneIndex);
  const choose = row.getByRole("button", { name: "Choose commitments" });
  await choose.click();
  await expect(choose).toHaveAttribute("aria-expanded", "true");
  const dialog = page.getByRole("dialog", { name: "Choose commitments" });
  const group = dialog.getByRole("group", { name: "Commitments this milestone fulfils" });
  for (const c of commitments) await group.getByRole("checkbox", { name: c }).check();
  await page.keyboard.press("Escape");
  await expect(group).toBeHidden();
  // The focus goes back to the button that opened the checklist.
  await expect(choose).toBeFocused();
}

/** The timeline's entries as shown (when · who · kind · what), newest first. */
export async function timelineEntries(page: Page): Promise<string[]> {
  return page
    .getByRole("list", { name: "Timeline" })
    .getByRole("listitem")
    .evaluateAll((items) => items.map((li) => [...li.children].map((c) => (c.textContent ?? "").trim()).join(" · ")));
}
