/**
 * Amounts as people type them and as Baton keeps them.
 *
 * "18,400" is eighteen thousand four hundred in en-US and eighteen point four in de-DE, so
 * what was typed is read with the person's locale (its separators come from
 * `Intl.NumberFormat(locale).formatToParts`), and input that could mean two amounts is
 * answered with a question rather than a guess. A JS number cannot hold every typed amount
 * (0.1 + 0.2) and prints large ones with an exponent, so an amount is kept as a decimal
 * string: ASCII digits, optionally "." and fraction digits — no grouping, no sign, no
 * exponent — and shown again with `Intl.NumberFormat`, which formats such a string exactly.
 */

/** A decimal string as Baton stores it: digits, optionally "." and fraction digits, in its shortest form. */
export type Decimal = string;

const DECIMAL = /^\d+(?:\.\d+)?$/;
const SHORTEST = /^(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

/** True for a decimal string of any form ("007.50" too): digits, optionally "." and digits. */
export function isDecimal(value: unknown): value is string {
  return typeof value === "string" && DECIMAL.test(value);
}

/** True for a decimal in its stored form: no leading zeros, no trailing fraction zeros ("18400.5"). */
export function isStoredDecimal(value: unknown): value is Decimal {
  return typeof value === "string" && SHORTEST.test(value);
}

/**
 * The stored form of a decimal string: "018400.50" → "18400.5", "18400.00" → "18400".
 * One amount has one string, so "did it change?" and a migrated number (which prints in
 * this form) compare as strings; how many minor digits to show belongs to the currency.
 * Throws a RangeError for anything that is not a decimal string.
 */
export function storedDecimal(value: string): Decimal {
  if (!DECIMAL.test(value)) throw new RangeError(`Not a decimal: ${JSON.stringify(value)}`);
  const [int = "", frac = ""] = value.split(".");
  const i = int.replace(/^0+(?=\d)/, "");
  const f = frac.replace(/0+$/, "");
  return f ? `${i}.${f}` : i;
}

/** Compare two decimal strings by value: negative, zero or positive, like a sort comparator. */
export function compareDecimals(a: string, b: string): number {
  const [ai, af = ""] = storedDecimal(a).split(".") as [string, string?];
  const [bi, bf = ""] = storedDecimal(b).split(".") as [string, string?];
  if (ai.length !== bi.length) return ai.length - bi.length;
  if (ai !== bi) return ai < bi ? -1 : 1;
  const n = Math.max(af.length, bf.length);
  const ap = af.padEnd(n, "0");
  const bp = bf.padEnd(n, "0");
  return ap === bp ? 0 : ap < bp ? -1 : 1;
}

/** The sum of two decimal strings, exactly (no float): "18400.5" + "99.75" → "18500.25". */
export function addDecimals(a: string, b: string): Decimal {
  const digits = Math.max(fractionDigitsOf(a), fractionDigitsOf(b));
  const scaled = (v: string) => {
    const [int = "0", frac = ""] = storedDecimal(v).split(".");
    return BigInt(int + frac.padEnd(digits, "0"));
  };
  const sum = (scaled(a) + scaled(b)).toString().padStart(digits + 1, "0");
  return storedDecimal(digits ? `${sum.slice(0, sum.length - digits)}.${sum.slice(sum.length - digits)}` : sum);
}

/** How many digits follow the decimal point ("18400.50" → 2). */
export function fractionDigitsOf(value: string): number {
  const dot = value.indexOf(".");
  return dot < 0 ? 0 : value.length - dot - 1;
}

/**
 * The decimal string of a number, exactly as JavaScript prints it, never in exponent
 * notation: 18400.5 → "18400.5", 1e21 → "1000000000000000000000", 1e-7 → "0.0000001",
 * 0.1 + 0.2 → "0.30000000000000004". For stored numbers from before amounts were strings.
 * Throws a RangeError for a negative number, NaN or an infinity, which are no amount.
 */
export function decimalFromNumber(n: number): Decimal {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`Not an amount: ${String(n)}`);
  const printed = String(n === 0 ? 0 : n); // -0 prints "0" already; keep it explicit
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(printed);
  if (!m) throw new RangeError(`Not an amount: ${printed}`);
  const [, int = "", frac = "", exp] = m;
  if (exp === undefined) return storedDecimal(frac ? `${int}.${frac}` : int);
  // Move the point: digits "d.ddd" × 10^e.
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return storedDecimal(`0.${"0".repeat(-point)}${digits}`);
  if (point >= digits.length) return storedDecimal(digits + "0".repeat(point - digits.length));
  return storedDecimal(`${digits.slice(0, point)}.${digits.slice(point)}`);
}

/** How many minor digits a currency has (USD 2, JPY 0, KWD 3), as Intl knows it; 2 for an unknown code. */
export function currencyFractionDigits(currency: string): number {
  let digits = currencyDigits.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    currencyDigits.set(currency, digits);
  }
  return digits;
}
const currencyDigits = new Map<string, number>();

// ---------------------------------------------------------------------------------------
// The locale's way of writing numbers.

const SPACES = [" ", "\u00a0", "\u202f", "\u2009"];
const APOSTROPHES = ["'", "\u2019"];
const BIDI_MARKS = /[\u200e\u200f\u061c]/g;

/** How a locale writes numbers, learnt from Intl. */
interface LocaleNumbers {
  locale: string;
  /** Marks read as the decimal point (the locale's, for plain numbers and for money). */
  decimals: Set<string>;
  /** Marks read as thousands separators: the locale's, any space and any apostrophe. */
  groups: Set<string>;
  /** The locale's own separators for plain numbers, for messages. */
  decimal: string;
  group: string;
  /** Size of the last group and of the groups before it (3 and 3; 3 and 2 in en-IN). */
  primary: number;
  secondary: number;
  /** The locale's own digits 0–9 when they are not ASCII (ar-EG ٠–٩), to read them too. */
  digits: string[];
}

/** A locale Intl can use: what was asked for when valid, else en-US. */
function usable(locale: string): string {
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length ? new Intl.NumberFormat(locale).resolvedOptions().locale : "en-US";
  } catch {
    return "en-US";
  }
}

function numbersOf(locale: string): LocaleNumbers {
  const cached = localeNumbers.get(locale);
  if (cached) return cached;
  const resolved = usable(locale);
  const plain = new Intl.NumberFormat(resolved).formatToParts(1234567890.5);
  // Some locales write money with other separators than plain numbers (de-AT groups
  // money with "." and numbers with a space; fr-CH writes CHF 1 234.50 but 1 234,5):
  // a person may type either, and neither is ever the other's decimal point.
  const money = new Intl.NumberFormat(resolved, { style: "currency", currency: "EUR" }).formatToParts(1234567890.5);
  const first = (parts: Intl.NumberFormatPart[], type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const decimal = first(plain, "decimal") || ".";
  const group = first(plain, "group") || ",";
  const decimals = new Set([decimal]);
  const moneyDecimal = first(money, "decimal");
  const groups = new Set([...SPACES, ...APOSTROPHES, group]);
  const moneyGroup = first(money, "group");
  if (moneyGroup && !decimals.has(moneyGroup)) groups.add(moneyGroup);
  if (moneyDecimal && !groups.has(moneyDecimal)) decimals.add(moneyDecimal);
  const sizes = plain.filter((p) => p.type === "integer").map((p) => p.value.length);
  const primary = sizes.length > 1 ? sizes[sizes.length - 1]! : 3;
  const secondary = sizes.length > 2 ? sizes[sizes.length - 2]! : primary;
  const digitFormat = new Intl.NumberFormat(resolved, { useGrouping: false });
  const digits = Array.from({ length: 10 }, (_, d) => digitFormat.format(d));
  const result: LocaleNumbers = { locale: resolved, decimals, groups, decimal, group, primary, secondary, digits: digits.join("") === "0123456789" ? [] : digits };
  localeNumbers.set(locale, result);
  return result;
}
const localeNumbers = new Map<string, LocaleNumbers>();

function isSpace(c: string): boolean {
  return SPACES.includes(c);
}

/** The separators of `locale` in words, with an example: for messages. */
function conventionOf(n: LocaleNumbers): string {
  const mark = (c: string) => (isSpace(c) ? "a space" : `“${c}”`);
  return `here ${mark(n.group)} separates thousands and “${n.decimal}” marks decimals, as in ${formatAmount("1234567.89", n.locale, null)}`;
}

// ---------------------------------------------------------------------------------------
// Reading what was typed.

/** What `parseAmount` makes of a typed amount. */
export type AmountReading =
  /** `decimal` is null for an empty field; otherwise the amount as typed, without grouping ("18400.50"). */
  | { ok: true; decimal: string | null }
  | { ok: false; message: string };

/** Messages about amounts, shared by the form and its tests. */
export const AMOUNT_MESSAGES = {
  notANumber: (typed: string) => `“${typed}” is not a number.`,
  currencySign: (typed: string) => `“${typed}” is not a number: leave out the currency, it has its own field.`,
  negative: "The value cannot be negative.",
  unclear: (typed: string, convention: string) => `“${typed}” is unclear: ${convention}.`,
} as const;

/**
 * Read an amount typed by a person whose locale is `locale` (a BCP 47 tag such as
 * "de-DE"). Accepts the locale's decimal mark and thousands separator (also any space or
 * apostrophe as a separator, and the locale's own digits); refuses, with a message that
 * says how to write it, anything that could be read two ways: thousands not in groups of
 * three (or the locale's grouping), a mark that is neither the locale's decimal mark nor
 * its separator, two decimal marks, a separator after the decimal mark.
 */
export function parseAmount(text: string, locale: string): AmountReading {
  const typed = text.trim();
  if (typed === "") return { ok: true, decimal: null };
  const n = numbersOf(locale);
  let s = typed.replace(BIDI_MARKS, "");
  if (n.digits.length) s = [...s].map((c) => (n.digits.includes(c) ? String(n.digits.indexOf(c)) : c)).join("");

  const sign = /^[-\u2212]\s*/.exec(s);
  if (sign) {
    const rest = read(s.slice(sign[0].length), n);
    return typeof rest === "string" ? { ok: false, message: AMOUNT_MESSAGES.negative } : { ok: false, message: AMOUNT_MESSAGES.notANumber(typed) };
  }
  const money = /^(?:\p{Sc}|[A-Za-z]{3})\s*|\s*(?:\p{Sc}|[A-Za-z]{3})$/u;
  if (money.test(s)) {
    const bare = s.replace(money, "").replace(money, "");
    return { ok: false, message: typeof read(bare, n) === "string" ? AMOUNT_MESSAGES.currencySign(typed) : AMOUNT_MESSAGES.notANumber(typed) };
  }
  const r = read(s, n);
  if (typeof r === "string") return { ok: true, decimal: r };
  return { ok: false, message: r.unclear ? AMOUNT_MESSAGES.unclear(typed, conventionOf(n)) : AMOUNT_MESSAGES.notANumber(typed) };
}

/** Digits and separators to a decimal string, or why not. */
function read(s: string, n: LocaleNumbers): string | { unclear: boolean } {
  // Digits and single marks between them; anything else is not a number.
  const tokens = s.match(/\d+|./gu) ?? [];
  if (!tokens.some((t) => /^\d/.test(t))) return { unclear: false };
  const marks = tokens.filter((t) => !/^\d/.test(t));
  for (const m of marks) if (!n.decimals.has(m) && !n.groups.has(m) && m !== "." && m !== ",") return { unclear: false };
  // From here on the input is digits and separators: a problem is a question of how to write it.
  const unclear = { unclear: true };
  for (let i = 1; i < tokens.length; i++) if (!/^\d/.test(tokens[i]!) && !/^\d/.test(tokens[i - 1]!)) return unclear;
  if (marks.some((m) => !n.decimals.has(m) && !n.groups.has(m))) return unclear; // "." in fr-FR: neither here
  const points = tokens.flatMap((t, i) => (n.decimals.has(t) ? [i] : []));
  if (points.length > 1) return unclear;
  const at = points[0] ?? tokens.length;
  const intTokens = tokens.slice(0, at);
  const fracTokens = tokens.slice(at + 1);
  if (fracTokens.some((t) => !/^\d/.test(t))) return unclear; // a separator after the decimal mark
  // A separator must stand between digits: "18," and ".500" (in de-DE) are unfinished or unclear.
  if (intTokens.length && (!/^\d/.test(intTokens[0]!) || !/^\d/.test(intTokens[intTokens.length - 1]!))) return unclear;
  const frac = fracTokens.join("");
  const groups = intTokens.filter((_, i) => i % 2 === 0);
  const seps = intTokens.filter((_, i) => i % 2 === 1);
  if (seps.length) {
    const kind = (c: string) => (isSpace(c) ? " " : APOSTROPHES.includes(c) ? "'" : c);
    if (new Set(seps.map(kind)).size > 1) return unclear;
    if (!groupedWell(groups, n)) return unclear;
  }
  const int = groups.join("");
  if (int === "" && frac === "") return { unclear: false };
  return `${int.replace(/^0+(?=\d)/, "") || "0"}${frac ? `.${frac}` : ""}`;
}

/** Thousands written in groups of three, or as the locale groups them (12,34,567 in en-IN). */
function groupedWell(groups: string[], n: LocaleNumbers): boolean {
  const last = groups[groups.length - 1] ?? "";
  const firstGroup = groups[0] ?? "";
  const middle = groups.slice(1, -1);
  const fits = (primary: number, secondary: number) =>
    last.length === primary && middle.every((g) => g.length === secondary) && firstGroup.length >= 1 && firstGroup.length <= (groups.length > 2 ? secondary : primary);
  return fits(3, 3) || fits(n.primary, n.secondary);
}

// ---------------------------------------------------------------------------------------
// Showing an amount.

/**
 * An amount as `locale` writes it, with the currency's minor digits when there is a
 * currency (18400.5 USD in en-US: "18,400.50"; in de-DE "18.400,50") and never fewer
 * digits than it holds, so nothing is rounded away. Without the currency sign: the
 * currency has its own field, and the text must read back as the same amount.
 */
export function formatAmount(decimal: string, locale: string, currency: string | null): string {
  // A currency a peer wrote that Intl cannot take ("EURO") is shown as a plain number.
  const code = currency !== null && /^[A-Za-z]{3}$/.test(currency) ? currency : null;
  const min = code ? currencyFractionDigits(code) : 0;
  return formatDigits(decimal, numbersOf(locale), code, min, Math.max(min, fractionDigitsOf(decimal)));
}

function formatDigits(decimal: string, n: LocaleNumbers, currency: string | null, min: number, max: number): string {
  // Intl takes up to 20 fraction digits in Node 20 (100 in Chromium); past that, the
  // integer part is formatted and the fraction written out in the locale's digits.
  if (max <= 20) return numberParts(formatterFor(n.locale, currency, min, max).formatToParts(decimal as Intl.StringNumericLiteral));
  const [int = "0", frac = ""] = decimal.split(".");
  const whole = numberParts(formatterFor(n.locale, currency, 0, 0).formatToParts(int as Intl.StringNumericLiteral));
  const mark = formatterFor(n.locale, currency, 1, 1).formatToParts(0).find((p) => p.type === "decimal")?.value ?? n.decimal;
  const digits = n.digits.length ? [...frac.padEnd(min, "0")].map((d) => n.digits[Number(d)]).join("") : frac.padEnd(min, "0");
  return `${whole}${mark}${digits}`;
}

function numberParts(parts: Intl.NumberFormatPart[]): string {
  return parts
    .filter((p) => p.type === "integer" || p.type === "group" || p.type === "decimal" || p.type === "fraction")
    .map((p) => p.value)
    .join("");
}

function formatterFor(locale: string, currency: string | null, min: number, max: number): Intl.NumberFormat {
  const key = `${locale}|${currency ?? ""}|${min}|${max}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, currency ? { style: "currency", currency, minimumFractionDigits: min, maximumFractionDigits: max } : { minimumFractionDigits: min, maximumFractionDigits: max });
    formatters.set(key, f);
  }
  return f;
}
const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Whether an amount fits its currency: no more decimals than the currency has (cents for
 * USD, none for JPY). `decimal` as typed, trailing zeros included, so "18.400" in USD is
 * asked about (did they mean 18,400?) rather than kept as 18.40. Null when it fits.
 */
export function currencyProblem(decimal: string, currency: string, locale: string): string | null {
  const allowed = currencyFractionDigits(currency);
  const has = fractionDigitsOf(decimal);
  if (has <= allowed) return null;
  // Shown with every digit typed, trailing zeros too: "18.400", not "18.4".
  const shown = formatDigits(decimal, numbersOf(locale), null, has, has);
  const rule = allowed === 0 ? `Amounts in ${currency} have no decimals` : `Amounts in ${currency} have at most ${allowed} ${allowed === 1 ? "decimal" : "decimals"}`;
  const [int = ""] = decimal.split(".");
  // Three digits after the mark and a short integer part look like thousands written the
  // other locale's way (1.234 for 1,234): say how to write that.
  const meant = has === 3 && int.replace(/^0+/, "").length <= 3 && int.replace(/^0+/, "") !== "" ? ` If you meant ${formatAmount(decimal.replace(".", ""), locale, null)}, write it that way.` : "";
  return `${rule}, and ${shown} has ${has}.${meant}`;
}
