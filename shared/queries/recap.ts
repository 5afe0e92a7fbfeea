/**
 * The customer recap (PRODUCT.md "Why it exists" 2–3): written for the customer, to match
 * their expectations to what was committed — each of their requirements with what meets
 * it and when, what is *not* included (requirements with no commitment), what they
 * ordered, the delivery plan with dates, and who to call from now on with phone and
 * email; optionally what changed since the handoff. In the customer's words: no internal
 * statuses ("proposed", "at risk"), no internal roles, dates written out in the person's
 * locale with non-breaking spaces (they never wrap). Built once as data (`recapOf`), then
 * written as Markdown or as a standalone HTML page (with a print stylesheet, so the
 * browser's print or Electron's printToPDF makes the PDF). Every value from the account
 * is escaped.
 */
import type { Doc } from "@automerge/automerge/slim";
import type { AccountDoc, ContactRole } from "../account/schema";
import { read } from "../account/fixed";
import { commitmentsOf, headerOf, milestonesOf, type OwnerView } from "./account-view";
import { contactsOf } from "./contacts";
import { requirementsOf } from "./requirements";
import { handoffOf } from "./handoff";
import { checkAccount } from "../account/check";
import { changedSinceHandoff, CHANGED_FIELD_WORDS, type ItemChange } from "./changes";

const CONTACT_ROLE_WORDS: Record<ContactRole, string> = {
  "decision-maker": "Decision maker",
  "functional-owner": "Functional owner",
  finance: "Finance / payables",
  "other-decision-maker": "Other decision maker",
};

/** Status words for the change lines (the sections themselves show no status). */
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

/** Who the customer calls, in the customer's words. */
const CALL_ROLE_WORDS = { lead: "Your delivery contact", rep: "Your sales contact" } as const;

/** Something we will deliver, and when. */
export interface RecapPromise {
  text: string;
  /** The date written out ("11 January 2027", non-breaking); null: to be agreed. */
  when: string | null;
  delivered: boolean;
}

/** A person the customer can call. */
export interface RecapPerson {
  name: string;
  role: string;
  phone: string | null;
  email: string | null;
}

/** The recap as data. */
export interface Recap {
  accountName: string;
  /** The day it was prepared, written out. */
  preparedOn: string;
  agreedAt: { on: string; customer: string | null } | null;
  /** Each requirement that a commitment meets, with those commitments. */
  requirements: { text: string; meetBy: RecapPromise[] }[];
  /** Requirements no commitment meets: not part of what was agreed. */
  notIncluded: string[];
  /** What else we committed (not tied to a requirement of theirs). */
  alsoCommitted: RecapPromise[];
  /** The order: its reference and what was ordered, one line per item; null before an order. */
  order: { reference: string | null; date: string | null; items: string[] } | null;
  /** The delivery plan. */
  plan: { title: string; when: string; done: boolean; fulfils: string[] }[];
  /** Who the customer calls from now on; null before there is anyone to name. */
  callFirst: RecapPerson | null;
  /** Then whom (the rep, who keeps following the account). */
  escalation: RecapPerson[];
  contacts: { name: string; role: string; email: string | null; phone: string | null }[];
  /** Null when not asked for or before the handoff. */
  changes: { since: string; lines: string[] } | null;
}

export interface RecapOptions {
  /** YYYY-MM-DD the recap is prepared. */
  today: string;
  /** The reader's locale for dates (default en-GB: "11 January 2027"). */
  locale?: string;
  includeChanges?: boolean;
}

const NBSP = "\u00a0";

/** A date (YYYY-MM-DD) written out in `locale`, with non-breaking spaces so it never wraps. */
export function recapDate(date: string, locale = "en-GB"): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(date)) return date;
  let text: string;
  try {
    text = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
  } catch {
    text = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
  }
  return text.replace(/[\s\u2009\u202f]/g, NBSP).replace(/-/g, "\u2011");
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

/**
 * The word a table has for `key`, its own entries only: a value a peer wrote (a status of
 * "constructor") must not find Object's prototype and throw where the recap is drawn.
 */
const wordOf = (table: Record<string, string>, key: string): string | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

/** A field value in words: statuses and kinds as people say them. */
const valueWords = (v: string | null) => (v === null ? "none" : (wordOf(STATUS_WORDS, v)?.toLowerCase() ?? v));

/** A line saying what happened to one item, for the recap and the page. */
export function describeItemChange(c: ItemChange): string {
  const noun = wordOf(PART_NOUNS, c.kind) ?? "Item";
  const single = c.id === c.kind || c.kind === "account" || c.kind === "check";
  const name = single ? "" : ` “${c.name || "(untitled)"}”`;
  const who = c.by.length ? ` — ${c.by.map((p) => p.name).join(", ")}${c.at ? `, ${c.at.slice(0, 10)}` : ""}` : "";
  if (c.change === "added") return `${noun}${name} added${who}`;
  if (c.change === "removed") return `${noun}${name} removed${who}`;
  const fields = c.fields
    .map((f) => {
      const field = (wordOf(CHANGED_FIELD_WORDS, f.field) ?? f.field).toLowerCase();
      if (WORDING_FIELDS.has(f.field)) return f.before ? `${field} changed (was “${f.before}”)` : `${field} added`;
      return `${field} ${valueWords(f.before)} → ${valueWords(f.after)}`;
    })
    .join("; ");
  return `${noun}${name}: ${fields}${who}`;
}

/** The recap of an account. */
export function recapOf(stored: Doc<AccountDoc>, options: RecapOptions): Recap {
  // What the customer reads leaves out anything a peer damaged (account/check.ts).
  const doc = checkAccount(stored).account;
  const locale = options.locale ?? "en-GB";
  const day = (d: string | null) => (d ? recapDate(d, locale) : null);
  const header = headerOf(doc);
  const handoff = handoffOf(doc);
  const commitments = commitmentsOf(doc).filter((c) => c.status !== "dropped");
  const promise = (c: (typeof commitments)[number]): RecapPromise => ({ text: c.text, when: day(c.dueDate), delivered: c.status === "delivered" });
  const requirements: Recap["requirements"] = [];
  const notIncluded: string[] = [];
  const met = new Set<string>();
  for (const r of requirementsOf(doc)) {
    const meetBy = commitments.filter((c) => c.requirementId === r.id);
    if (!r.text.trim()) continue;
    if (meetBy.length) {
      requirements.push({ text: r.text, meetBy: meetBy.map(promise) });
      for (const c of meetBy) met.add(c.id);
    } else notIncluded.push(r.text);
  }
  const byId = new Map(commitments.map((c) => [c.id, c.text]));
  // Phone and email as the account holds them: written from each person's own profile (commands/owner-contact.ts).
  const person = (p: OwnerView | null, role: string): RecapPerson | null => (p ? { name: p.name, role, phone: p.phone, email: p.email } : null);
  const lead = person(header.deliveryLead, CALL_ROLE_WORDS.lead);
  const rep = person(header.rep, CALL_ROLE_WORDS.rep);
  const items = read(doc.order?.items)
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*[-*•]\s*/, "").trim())
    .filter(Boolean);
  const reference = read(doc.order?.reference) || null;
  const orderDate = read(doc.order?.date) || null;
  let changes: Recap["changes"] = null;
  if (options.includeChanges) {
    const since = changedSinceHandoff(doc);
    // What the customer agreed to: their requirements, our commitments, the plan and the order.
    if (since) changes = { since: recapDate(since.baselineAt.slice(0, 10), locale), lines: since.items.filter((i) => CUSTOMER_PARTS.has(i.kind)).map(describeItemChange) };
  }
  return {
    accountName: header.name || "Account",
    preparedOn: recapDate(options.today, locale),
    agreedAt: handoff.baseline ? { on: recapDate(handoff.baseline.at.slice(0, 10), locale), customer: handoff.customerAgreedBy } : null,
    requirements,
    notIncluded,
    alsoCommitted: commitments.filter((c) => !met.has(c.id)).map(promise),
    order: reference || orderDate || items.length ? { reference, date: day(orderDate), items } : null,
    plan: milestonesOf(doc).map((m) => ({
      title: m.title,
      when: dates(day(m.startDate), day(m.endDate)),
      done: m.status === "done",
      fulfils: m.commitmentIds.map((id) => byId.get(id)).filter((t): t is string => !!t),
    })),
    callFirst: lead ?? rep,
    escalation: lead && rep ? [rep] : [],
    contacts: contactsOf(doc).map((c) => ({ name: c.name, role: CONTACT_ROLE_WORDS[c.role] ?? c.role, email: c.email, phone: c.phone })),
    changes,
  };
}

/** The parts whose changes the customer's recap lists. */
const CUSTOMER_PARTS: ReadonlySet<string> = new Set(["requirement", "commitment", "milestone", "order"]);

const WORDS = {
  title: (name: string) => `${name} — what we agreed`,
  prepared: (on: string) => `Prepared on ${on}.`,
  agreed: (on: string, customer: string | null) => `Agreed in the handoff meeting on ${on}${customer ? `, with ${customer}` : ""}.`,
  requirements: "What you need, and how we meet it",
  noRequirements: "No requirements have been recorded yet: tell us what you need and we will confirm how we meet it.",
  alsoCommitted: "What else we committed",
  noCommitments: "No commitments have been recorded yet.",
  notIncluded: "Not included",
  notIncludedIntro: "You mentioned these, and they are not part of what we agreed:",
  nothingExcluded: "Everything you asked for is covered above.",
  order: "What you ordered",
  noOrder: "There is no order yet.",
  orderRef: (ref: string | null, date: string | null) => [ref ? `Order ${ref}` : "Your order", date ? `of ${date}` : ""].filter(Boolean).join(" "),
  noItems: "The items are listed in the order confirmation.",
  plan: "Delivery plan",
  noPlan: "The delivery dates are not set yet: we will send them as soon as they are agreed.",
  whoToCall: "Who to call",
  callFirst: (name: string, role: string) => `From now on, call ${name} (${role.toLowerCase()})`,
  noReach: (name: string) => `We will send you ${name}'s phone number and email shortly.`,
  nobody: "We will name your contact shortly.",
  escalation: (name: string, role: string) => `If that does not resolve it: ${name} (${role.toLowerCase()})`,
  yourContacts: "Your contacts on this account:",
  changes: (since: string) => `Changes since the handoff on ${since}`,
  noChanges: "Nothing has changed since the handoff.",
  by: (when: string | null) => (when ? `by ${when}` : "date to be agreed"),
  delivered: "delivered",
  done: "done",
  fulfils: "Delivers",
} as const;

const dates = (start: string | null, end: string | null) => (start && end ? `${start} – ${end}` : end ? `by ${end}` : start ? `from ${start}` : "dates to be agreed");
const promiseWords = (p: RecapPromise) => (p.delivered ? WORDS.delivered : WORDS.by(p.when));
const reach = (p: RecapPerson) => [p.phone, p.email].filter(Boolean) as string[];

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
    .replace(/[^\S\u00a0]+/g, " ") // Line breaks joined; the non-breaking spaces that keep a date on one line stay.
    .replace(/([\\`*_[\]<>#|~&!])/g, "\\$1")
    .replace(/^([-+=])/, "\\$1")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

/** The recap as Markdown. */
export function recapMarkdown(r: Recap): string {
  const out: string[] = [`# ${md(WORDS.title(r.accountName))}`, "", md(WORDS.prepared(r.preparedOn))];
  if (r.agreedAt) out.push(md(WORDS.agreed(r.agreedAt.on, r.agreedAt.customer)));
  out.push("", `## ${WORDS.requirements}`, "");
  if (!r.requirements.length) out.push(r.alsoCommitted.length ? WORDS.noRequirements : `${WORDS.noRequirements} ${WORDS.noCommitments}`);
  for (const q of r.requirements) {
    out.push(`- **${md(q.text)}**`);
    for (const p of q.meetBy) out.push(`  - ${md(p.text || "(untitled)")} — ${md(promiseWords(p))}`);
  }
  if (r.alsoCommitted.length) {
    out.push("", `## ${WORDS.alsoCommitted}`, "");
    for (const p of r.alsoCommitted) out.push(`- ${md(p.text || "(untitled)")} — ${md(promiseWords(p))}`);
  }
  out.push("", `## ${WORDS.notIncluded}`, "");
  if (!r.notIncluded.length) out.push(WORDS.nothingExcluded);
  else {
    out.push(WORDS.notIncludedIntro, "");
    for (const t of r.notIncluded) out.push(`- ${md(t)}`);
  }
  out.push("", `## ${WORDS.order}`, "");
  if (!r.order) out.push(WORDS.noOrder);
  else {
    out.push(`${md(WORDS.orderRef(r.order.reference, r.order.date))}:`, "");
    if (!r.order.items.length) out.push(WORDS.noItems);
    for (const i of r.order.items) out.push(`- ${md(i)}`);
  }
  out.push("", `## ${WORDS.plan}`, "");
  if (!r.plan.length) out.push(WORDS.noPlan);
  for (const m of r.plan) {
    out.push(`- **${md(m.title || "(untitled)")}**: ${md(m.when)}${m.done ? ` (${WORDS.done})` : ""}`);
    if (m.fulfils.length) out.push(`  - ${WORDS.fulfils}: ${m.fulfils.map(md).join("; ")}`);
  }
  out.push("", `## ${WORDS.whoToCall}`, "");
  if (r.callFirst) out.push(`${md(WORDS.callFirst(r.callFirst.name, r.callFirst.role))}${reach(r.callFirst).length ? md(`: ${reach(r.callFirst).join(", ")}`) : ""}.${reach(r.callFirst).length ? "" : ` ${md(WORDS.noReach(r.callFirst.name))}`}`);
  else out.push(WORDS.nobody);
  for (const e of r.escalation) out.push("", `${md(WORDS.escalation(e.name, e.role))}${reach(e).length ? md(`: ${reach(e).join(", ")}`) : ""}.`);
  if (r.contacts.length) {
    out.push("", WORDS.yourContacts, "");
    for (const c of r.contacts) out.push(`- ${md(c.name || "(no name)")} — ${md(c.role)}${c.email ? `, ${md(c.email)}` : ""}${c.phone ? `, ${md(c.phone)}` : ""}`);
  }
  if (r.changes) {
    out.push("", `## ${md(WORDS.changes(r.changes.since))}`, "");
    if (!r.changes.lines.length) out.push(WORDS.noChanges);
    for (const l of r.changes.lines) out.push(`- ${md(l)}`);
  }
  return out.join("\n") + "\n";
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;max-width:46rem;margin:2rem auto;padding:0 1.5rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.75rem 0 .5rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem}
.meta{color:#57606a;margin:0}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #eaeef2;vertical-align:top}
th{font-weight:600;color:#57606a;font-size:.85rem}.empty{color:#57606a;font-style:italic}.call{font-size:1.05rem}.when{white-space:nowrap}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}tr{break-inside:avoid}a{color:inherit}}
@page{margin:18mm}
`;

/** The body of the recap as HTML (also shown on the recap page). */
export function recapHtmlBody(r: Recap): string {
  const promiseCell = (p: RecapPromise) => `<td class="when">${esc(promiseWords(p))}</td>`;
  const personLine = (p: RecapPerson, words: string) =>
    `${esc(words)}${reach(p).length ? `: ${[p.phone ? `<a href="tel:${esc(p.phone.replace(/[^\d+]/g, ""))}">${esc(p.phone)}</a>` : "", p.email ? `<a href="mailto:${esc(p.email)}">${esc(p.email)}</a>` : ""].filter(Boolean).join(", ")}` : ""}.`;
  const out: string[] = [`<h1>${esc(WORDS.title(r.accountName))}</h1>`, `<p class="meta">${esc(WORDS.prepared(r.preparedOn))}</p>`];
  if (r.agreedAt) out.push(`<p class="meta">${esc(WORDS.agreed(r.agreedAt.on, r.agreedAt.customer))}</p>`);
  out.push(`<h2>${WORDS.requirements}</h2>`);
  if (!r.requirements.length) out.push(`<p class="empty">${r.alsoCommitted.length ? WORDS.noRequirements : `${WORDS.noRequirements} ${WORDS.noCommitments}`}</p>`);
  else
    out.push(
      `<table><thead><tr><th>What you need</th><th>What we deliver</th><th>When</th></tr></thead><tbody>${r.requirements
        .map((q) => q.meetBy.map((p, i) => `<tr>${i === 0 ? `<td rowspan="${q.meetBy.length}">${esc(q.text)}</td>` : ""}<td>${esc(p.text || "(untitled)")}</td>${promiseCell(p)}</tr>`).join(""))
        .join("")}</tbody></table>`,
    );
  if (r.alsoCommitted.length)
    out.push(
      `<h2>${WORDS.alsoCommitted}</h2><table><thead><tr><th>What we deliver</th><th>When</th></tr></thead><tbody>${r.alsoCommitted
        .map((p) => `<tr><td>${esc(p.text || "(untitled)")}</td>${promiseCell(p)}</tr>`)
        .join("")}</tbody></table>`,
    );
  out.push(`<h2>${WORDS.notIncluded}</h2>`);
  out.push(r.notIncluded.length ? `<p>${WORDS.notIncludedIntro}</p><ul>${r.notIncluded.map((t) => `<li>${esc(t)}</li>`).join("")}</ul>` : `<p class="empty">${WORDS.nothingExcluded}</p>`);
  out.push(`<h2>${WORDS.order}</h2>`);
  if (!r.order) out.push(`<p class="empty">${WORDS.noOrder}</p>`);
  else
    out.push(
      `<p>${esc(WORDS.orderRef(r.order.reference, r.order.date))}:</p>${r.order.items.length ? `<ul>${r.order.items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>` : `<p class="empty">${WORDS.noItems}</p>`}`,
    );
  out.push(`<h2>${WORDS.plan}</h2>`);
  if (!r.plan.length) out.push(`<p class="empty">${WORDS.noPlan}</p>`);
  else
    out.push(
      `<table><thead><tr><th>Step</th><th>When</th></tr></thead><tbody>${r.plan
        .map(
          (m) =>
            `<tr><td>${esc(m.title || "(untitled)")}${m.fulfils.length ? `<br><small>${WORDS.fulfils}: ${m.fulfils.map(esc).join("; ")}</small>` : ""}</td><td class="when">${esc(m.when)}${m.done ? ` (${WORDS.done})` : ""}</td></tr>`,
        )
        .join("")}</tbody></table>`,
    );
  out.push(`<h2>${WORDS.whoToCall}</h2>`);
  out.push(
    r.callFirst
      ? `<p class="call">${personLine(r.callFirst, WORDS.callFirst(r.callFirst.name, r.callFirst.role))}${reach(r.callFirst).length ? "" : ` ${esc(WORDS.noReach(r.callFirst.name))}`}</p>`
      : `<p class="empty">${WORDS.nobody}</p>`,
  );
  for (const e of r.escalation) out.push(`<p>${personLine(e, WORDS.escalation(e.name, e.role))}</p>`);
  if (r.contacts.length)
    out.push(
      `<p>${WORDS.yourContacts}</p><ul>${r.contacts
        .map((c) => `<li>${esc(c.name || "(no name)")} — ${esc(c.role)}${c.email ? `, ${esc(c.email)}` : ""}${c.phone ? `, ${esc(c.phone)}` : ""}</li>`)
        .join("")}</ul>`,
    );
  if (r.changes) {
    out.push(`<h2>${esc(WORDS.changes(r.changes.since))}</h2>`);
    out.push(r.changes.lines.length ? `<ul>${r.changes.lines.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>` : `<p class="empty">${WORDS.noChanges}</p>`);
  }
  return out.join("\n");
}

/** The recap as a standalone HTML page with a print stylesheet (print it for the PDF). */
export function recapHtml(r: Recap): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(r.accountName)} — recap</title><style>${STYLE}</style></head><body>\n${recapHtmlBody(r)}\n</body></html>\n`;
}
