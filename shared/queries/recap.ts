/**
 * The customer recap (PRODUCT.md "Why it exists" 2–3): a clean document of what was
 * committed, the delivery plan with dates, and who to call — optionally with what
 * changed since the handoff. Built once as data (`recapOf`), then written as Markdown
 * or as a standalone HTML page (with a print stylesheet, so the browser's print or
 * Electron's printToPDF makes the PDF). Every value from the account is escaped.
 */
import type { Doc } from "@automerge/automerge/slim";
import type { AccountDoc, ContactRole } from "../account/schema";
import { readPerson } from "../account/fixed";
import { commitmentsOf, headerOf, milestonesOf } from "./account-view";
import { contactsOf } from "./contacts";
import { handoffOf } from "./handoff";
import { checkAccount } from "../account/check";
import { changedSinceHandoff, CHANGED_FIELD_WORDS, type ItemChange } from "./changes";

const CONTACT_ROLE_WORDS: Record<ContactRole, string> = {
  "decision-maker": "Decision maker",
  "functional-owner": "Functional owner",
  finance: "Finance / payables",
  "other-decision-maker": "Other decision maker",
};

const STATUS_WORDS: Record<string, string> = {
  proposed: "Proposed",
  agreed: "Agreed",
  "at-risk": "At risk",
  delivered: "Delivered",
  dropped: "Dropped",
  planned: "Planned",
  "in-progress": "In progress",
  done: "Done",
  blocked: "Blocked",
};

/** The recap as data. */
export interface Recap {
  accountName: string;
  /** YYYY-MM-DD the recap was prepared. */
  preparedOn: string;
  agreedAt: { baselineName: string; customer: string | null } | null;
  commitments: { text: string; dueDate: string | null; status: string; confirmed: boolean }[];
  milestones: { title: string; owner: string; startDate: string | null; endDate: string | null; status: string; fulfils: string[] }[];
  /** Who the customer calls from now on. */
  callFirst: { name: string; role: string } | null;
  /** Then whom (the rep, who keeps following the account). */
  escalation: { name: string; role: string }[];
  contacts: { name: string; role: string; email: string | null; phone: string | null }[];
  /** Null when not asked for or before the handoff. */
  changes: { baselineName: string; lines: string[] } | null;
}

/** Each part's noun, for a line about one of its items. */
const PART_NOUNS: Record<ItemChange["kind"], string> = {
  account: "Account",
  contact: "Contact",
  requirement: "Requirement",
  commitment: "Commitment",
  milestone: "Milestone",
  risk: "Risk",
  "follow-up": "Call",
  activity: "Logged activity",
  concern: "Concern",
  order: "Order",
  payment: "Payment",
  check: "Checks",
};

/** Fields whose old value is long text: said as "changed (was …)" rather than "a → b". */
const WORDING_FIELDS: ReadonlySet<string> = new Set(["text", "title", "name", "description", "reason", "notes", "summary", "items", "mitigation", "nextStep"]);

/** A field value in words: statuses and kinds as people say them. */
const valueWords = (v: string | null) => (v === null ? "none" : (STATUS_WORDS[v]?.toLowerCase() ?? v));

/** A line saying what happened to one item, for the recap and the page. */
export function describeItemChange(c: ItemChange): string {
  const noun = PART_NOUNS[c.kind] ?? "Item";
  const single = c.id === c.kind || c.kind === "account" || c.kind === "check";
  const name = single ? "" : ` “${c.name || "(untitled)"}”`;
  const who = c.by.length ? ` — ${c.by.map((p) => p.name).join(", ")}${c.at ? `, ${c.at.slice(0, 10)}` : ""}` : "";
  if (c.change === "added") return `${noun}${name} added${who}`;
  if (c.change === "removed") return `${noun}${name} removed${who}`;
  const fields = c.fields
    .map((f) => {
      const field = (CHANGED_FIELD_WORDS[f.field] ?? f.field).toLowerCase();
      if (WORDING_FIELDS.has(f.field)) return f.before ? `${field} changed (was “${f.before}”)` : `${field} added`;
      return `${field} ${valueWords(f.before)} → ${valueWords(f.after)}`;
    })
    .join("; ");
  return `${noun}${name}: ${fields}${who}`;
}

/** The recap of an account on `today` (YYYY-MM-DD). */
export function recapOf(stored: Doc<AccountDoc>, options: { today: string; includeChanges?: boolean }): Recap {
  // What the customer reads leaves out anything a peer damaged (account/check.ts).
  const doc = checkAccount(stored).account;
  const header = headerOf(doc);
  const handoff = handoffOf(doc);
  const commitments = commitmentsOf(doc).filter((c) => c.status !== "dropped");
  const byId = new Map(commitments.map((c) => [c.id, c.text]));
  const lead = readPerson(doc.deliveryLead);
  const rep = readPerson(doc.rep);
  let changes: Recap["changes"] = null;
  if (options.includeChanges) {
    const since = changedSinceHandoff(doc);
    if (since) changes = { baselineName: since.baselineName, lines: since.items.map(describeItemChange) };
  }
  return {
    accountName: header.name || "Account",
    preparedOn: options.today,
    agreedAt: handoff.baseline ? { baselineName: handoff.baseline.name, customer: handoff.customerAgreedBy } : null,
    commitments: commitments.map((c) => ({ text: c.text, dueDate: c.dueDate, status: STATUS_WORDS[c.status] ?? c.status, confirmed: c.confirmed })),
    milestones: milestonesOf(doc).map((m) => ({
      title: m.title,
      owner: m.owner,
      startDate: m.startDate,
      endDate: m.endDate,
      status: STATUS_WORDS[m.status] ?? m.status,
      fulfils: m.commitmentIds.map((id) => byId.get(id)).filter((t): t is string => !!t),
    })),
    callFirst: lead ? { name: lead.name, role: "Delivery lead" } : rep ? { name: rep.name, role: "Account executive" } : null,
    escalation: lead && rep ? [{ name: rep.name, role: "Account executive" }] : [],
    contacts: contactsOf(doc).map((c) => ({ name: c.name, role: CONTACT_ROLE_WORDS[c.role] ?? c.role, email: c.email, phone: c.phone })),
    changes,
  };
}

const NO_COMMITMENTS = "No commitments have been recorded yet.";
const NO_PLAN = "There is no delivery plan yet: no milestones have been agreed.";
const dates = (start: string | null, end: string | null) => (start && end ? `${start} → ${end}` : end ? `by ${end}` : start ? `from ${start}` : "dates to be agreed");

// eslint-disable-next-line no-control-regex -- control characters are what it removes
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * One line of Markdown text that reads as the text itself, whatever a peer put in it:
 * control characters removed, line breaks joined, every character that could start
 * formatting, a tag, a link, an entity or a strikethrough escaped, and a leading list
 * or heading marker too (a value can start a line or a list item).
 */
function md(text: string): string {
  return String(text)
    .replace(CONTROL, "")
    .replace(/\s+/g, " ")
    .replace(/([\\`*_[\]<>#|~&!])/g, "\\$1")
    .replace(/^([-+=])/, "\\$1")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

/** The recap as Markdown. */
export function recapMarkdown(r: Recap): string {
  const out: string[] = [`# ${md(r.accountName)} — what we agreed`, "", `Prepared on ${md(r.preparedOn)}.`];
  if (r.agreedAt) out.push(`${md(r.agreedAt.baselineName)}${r.agreedAt.customer ? `, with ${md(r.agreedAt.customer)}` : ""}.`);
  out.push("", "## What we committed", "");
  if (!r.commitments.length) out.push(NO_COMMITMENTS);
  for (const c of r.commitments) out.push(`- ${md(c.text || "(untitled)")} — ${c.dueDate ? `by ${md(c.dueDate)}` : "date to be agreed"} (${md(c.status)}${c.confirmed ? ", confirmed" : ""})`);
  out.push("", "## Delivery plan", "");
  if (!r.milestones.length) out.push(NO_PLAN);
  for (const m of r.milestones) {
    out.push(`- **${md(m.title || "(untitled)")}**: ${md(dates(m.startDate, m.endDate))} — ${m.owner ? md(m.owner) : "owner to be named"} (${md(m.status)})`);
    if (m.fulfils.length) out.push(`  - Fulfils: ${m.fulfils.map(md).join("; ")}`);
  }
  out.push("", "## Who to call", "");
  if (r.callFirst) out.push(`From now on, call **${md(r.callFirst.name)}** (${md(r.callFirst.role)}).`);
  else out.push("The delivery lead is not named yet.");
  for (const e of r.escalation) out.push(`If that does not resolve it: ${md(e.name)} (${md(e.role)}).`);
  if (r.contacts.length) {
    out.push("", "Your contacts on this account:", "");
    for (const c of r.contacts) out.push(`- ${md(c.name || "(no name)")} — ${md(c.role)}${c.email ? `, ${md(c.email)}` : ""}${c.phone ? `, ${md(c.phone)}` : ""}`);
  }
  if (r.changes) {
    out.push("", `## Changes since ${md(r.changes.baselineName.replace(/^As agreed at /, "the "))}`, "");
    if (!r.changes.lines.length) out.push("Nothing has changed since the handoff.");
    for (const l of r.changes.lines) out.push(`- ${md(l)}`);
  }
  return out.join("\n") + "\n";
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;max-width:46rem;margin:2rem auto;padding:0 1.5rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.75rem 0 .5rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem}
.meta{color:#57606a;margin:0}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #eaeef2;vertical-align:top}
th{font-weight:600;color:#57606a;font-size:.85rem}.empty{color:#57606a;font-style:italic}.call{font-size:1.05rem}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}tr{break-inside:avoid}a{color:inherit}}
@page{margin:18mm}
`;

/** The body of the recap as HTML (also shown on the recap page). */
export function recapHtmlBody(r: Recap): string {
  const out: string[] = [`<h1>${esc(r.accountName)} — what we agreed</h1>`, `<p class="meta">Prepared on ${esc(r.preparedOn)}.</p>`];
  if (r.agreedAt) out.push(`<p class="meta">${esc(r.agreedAt.baselineName)}${r.agreedAt.customer ? `, with ${esc(r.agreedAt.customer)}` : ""}.</p>`);
  out.push("<h2>What we committed</h2>");
  if (!r.commitments.length) out.push(`<p class="empty">${NO_COMMITMENTS}</p>`);
  else
    out.push(
      `<table><thead><tr><th>Commitment</th><th>By</th><th>Status</th></tr></thead><tbody>${r.commitments
        .map((c) => `<tr><td>${esc(c.text || "(untitled)")}</td><td>${esc(c.dueDate ?? "to be agreed")}</td><td>${esc(c.status)}${c.confirmed ? ", confirmed" : ""}</td></tr>`)
        .join("")}</tbody></table>`,
    );
  out.push("<h2>Delivery plan</h2>");
  if (!r.milestones.length) out.push(`<p class="empty">${NO_PLAN}</p>`);
  else
    out.push(
      `<table><thead><tr><th>Milestone</th><th>Dates</th><th>Owner</th><th>Status</th></tr></thead><tbody>${r.milestones
        .map(
          (m) =>
            `<tr><td>${esc(m.title || "(untitled)")}${m.fulfils.length ? `<br><small>Fulfils: ${m.fulfils.map(esc).join("; ")}</small>` : ""}</td><td>${esc(dates(m.startDate, m.endDate))}</td><td>${esc(m.owner || "to be named")}</td><td>${esc(m.status)}</td></tr>`,
        )
        .join("")}</tbody></table>`,
    );
  out.push("<h2>Who to call</h2>");
  out.push(r.callFirst ? `<p class="call">From now on, call <strong>${esc(r.callFirst.name)}</strong> (${esc(r.callFirst.role)}).</p>` : `<p class="empty">The delivery lead is not named yet.</p>`);
  for (const e of r.escalation) out.push(`<p>If that does not resolve it: ${esc(e.name)} (${esc(e.role)}).</p>`);
  if (r.contacts.length)
    out.push(
      `<p>Your contacts on this account:</p><ul>${r.contacts
        .map((c) => `<li>${esc(c.name || "(no name)")} — ${esc(c.role)}${c.email ? `, ${esc(c.email)}` : ""}${c.phone ? `, ${esc(c.phone)}` : ""}</li>`)
        .join("")}</ul>`,
    );
  if (r.changes) {
    out.push(`<h2>Changes since ${esc(r.changes.baselineName.replace(/^As agreed at /, "the "))}</h2>`);
    out.push(r.changes.lines.length ? `<ul>${r.changes.lines.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>` : `<p class="empty">Nothing has changed since the handoff.</p>`);
  }
  return out.join("\n");
}

/** The recap as a standalone HTML page with a print stylesheet (print it for the PDF). */
export function recapHtml(r: Recap): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(r.accountName)} — recap</title><style>${STYLE}</style></head><body>\n${recapHtmlBody(r)}\n</body></html>\n`;
}
