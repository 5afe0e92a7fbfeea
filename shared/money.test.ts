import { describe, expect, it } from "vitest";
import {
  compareDecimals,
  currencyFractionDigits,
  currencyProblem,
  decimalFromNumber,
  formatAmount,
  isStoredDecimal,
  parseAmount,
  storedDecimal,
} from "./money";

const NNBSP = "\u202f"; // narrow no-break space: fr-FR's thousands separator
const NBSP = "\u00a0";

describe("reading an amount the way the person's locale writes it", () => {
  // [locale, typed, the amount read (as typed, without grouping)]
  it.each([
    ["en-US", "18,400", "18400"],
    ["en-US", "18,400.00", "18400.00"],
    ["en-US", "1,234,567", "1234567"],
    ["en-US", "18400.5", "18400.5"],
    ["en-US", "1.234", "1.234"], // a decimal in en-US; the currency decides whether 3 decimals fit
    ["en-US", "0.5", "0.5"],
    ["en-US", ".5", "0.5"],
    ["en-US", "18.", "18"],
    ["en-US", "007", "7"],
    ["en-US", " 18 400 ", "18400"], // a space never marks decimals: read as grouping anywhere
    ["en-US", "18'400", "18400"],
    ["en-GB", "18,400.50", "18400.50"],
    ["de-DE", "18.400,50", "18400.50"],
    ["de-DE", "1.234.567", "1234567"],
    ["de-DE", "18,4", "18.4"],
    ["de-DE", "18400,5", "18400.5"],
    ["de-AT", `18${NBSP}400,50`, "18400.50"],
    ["de-AT", "18.400,50", "18400.50"], // how de-AT writes money
    ["de-CH", "18'400.50", "18400.50"],
    ["de-CH", "18’400.50", "18400.50"],
    ["fr-FR", `18${NNBSP}400,50`, "18400.50"],
    ["fr-FR", "18 400,50", "18400.50"], // what a keyboard types for the narrow space
    ["fr-FR", `1${NBSP}234${NBSP}567`, "1234567"],
    ["fr-CH", `18${NNBSP}400.50`, "18400.50"], // francs are written with a point in fr-CH
    ["fr-CH", "18 400,50", "18400.50"], // other numbers with a comma
    ["es-ES", "18.400,50", "18400.50"],
    ["es-ES", "1234,5", "1234.5"],
    ["it-IT", "1.234.567,89", "1234567.89"],
    ["pt-BR", "18.400,50", "18400.50"],
    ["nl-NL", "18.400,50", "18400.50"],
    ["sv-SE", "18 400,50", "18400.50"],
    ["pl-PL", "18 400,50", "18400.50"],
    ["ru-RU", "18 400,50", "18400.50"],
    ["ja-JP", "18,400", "18400"],
    ["zh-CN", "18,400.5", "18400.5"],
    ["en-IN", "12,34,567.50", "1234567.50"], // lakh grouping
    ["en-IN", "1,234,567", "1234567"], // and thousands in threes
    ["hi-IN", "18,400", "18400"],
    ["ar-EG", "١٨٬٤٠٠٫٥٠", "18400.50"], // Arabic-Indic digits and marks
    ["fa-IR", "۱۸٬۴۰۰٫۵", "18400.5"],
    ["en-US", "", null],
    ["de-DE", "   ", null],
  ] as const)("%s: %j is %j", (locale, typed, decimal) => {
    expect(parseAmount(typed, locale)).toEqual({ ok: true, decimal });
  });

  // Input that could mean two amounts is asked about, with how this locale writes numbers.
  it.each([
    ["en-US", "18,40", "here “,” separates thousands and “.” marks decimals, as in 1,234,567.89"],
    ["en-US", "18,4", "here “,” separates thousands and “.” marks decimals, as in 1,234,567.89"],
    ["en-US", "1,2345", "here “,” separates thousands and “.” marks decimals, as in 1,234,567.89"],
    ["en-US", "1234,567", "here “,” separates thousands and “.” marks decimals, as in 1,234,567.89"],
    ["en-US", "18.400,50", "here “,” separates thousands and “.” marks decimals, as in 1,234,567.89"],
    ["en-US", "1.234.567", "here “,” separates thousands and “.” marks decimals, as in 1,234,567.89"],
    ["en-US", "18,", "here “,” separates thousands and “.” marks decimals, as in 1,234,567.89"],
    ["en-US", "1,,234", "here “,” separates thousands and “.” marks decimals, as in 1,234,567.89"],
    ["en-US", "1,234 567", "here “,” separates thousands and “.” marks decimals, as in 1,234,567.89"],
    ["de-DE", "18400.5", "here “.” separates thousands and “,” marks decimals, as in 1.234.567,89"],
    ["de-DE", "18,400.50", "here “.” separates thousands and “,” marks decimals, as in 1.234.567,89"],
    ["de-DE", "1,234,567", "here “.” separates thousands and “,” marks decimals, as in 1.234.567,89"],
    ["de-DE", ".5", "here “.” separates thousands and “,” marks decimals, as in 1.234.567,89"],
    ["fr-FR", "18400.50", `here a space separates thousands and “,” marks decimals, as in 1${NNBSP}234${NNBSP}567,89`],
    ["fr-FR", "18,400.50", `here a space separates thousands and “,” marks decimals, as in 1${NNBSP}234${NNBSP}567,89`],
    ["en-IN", "1,23,4567", "here “,” separates thousands and “.” marks decimals, as in 12,34,567.89"],
  ] as const)("%s: %j is unclear", (locale, typed, convention) => {
    expect(parseAmount(typed, locale)).toEqual({ ok: false, message: `“${typed}” is unclear: ${convention}.` });
  });

  it.each([
    ["en-US", "-5", "The value cannot be negative."],
    ["de-DE", "−18.400,50", "The value cannot be negative."],
    ["en-US", "lots", "“lots” is not a number."],
    ["en-US", "12a", "“12a” is not a number."],
    ["en-US", "1e5", "“1e5” is not a number."],
    ["en-US", "1.2.3", "“1.2.3” is unclear: here “,” separates thousands and “.” marks decimals, as in 1,234,567.89."],
    ["en-US", "--5", "“--5” is not a number."],
    ["en-US", ".", "“.” is not a number."],
    ["en-US", "$18,400", "“$18,400” is not a number: leave out the currency, it has its own field."],
    ["de-DE", "18.400,50 €", "“18.400,50 €” is not a number: leave out the currency, it has its own field."],
    ["en-US", "USD 100", "“USD 100” is not a number: leave out the currency, it has its own field."],
  ] as const)("%s: %j is refused", (locale, typed, message) => {
    expect(parseAmount(typed, locale)).toEqual({ ok: false, message });
  });

  it("falls back to en-US for a locale Intl cannot use", () => {
    expect(parseAmount("18,400", "not a locale!")).toEqual({ ok: true, decimal: "18400" });
  });
});

describe("showing an amount", () => {
  it.each([
    ["18400", "en-US", "USD", "18,400.00"],
    ["18400.5", "en-US", "USD", "18,400.50"],
    ["18400.5", "de-DE", "EUR", "18.400,50"],
    ["18400.5", "de-AT", "EUR", "18.400,50"],
    ["18400.5", "fr-FR", "EUR", `18${NNBSP}400,50`],
    ["18400.5", "fr-CH", "CHF", `18${NNBSP}400.50`],
    ["18400.5", "de-CH", "CHF", "18’400.50"],
    ["18400", "ja-JP", "JPY", "18,400"],
    ["18400.125", "en-US", "KWD", "18,400.125"],
    ["1234567.5", "en-IN", "INR", "12,34,567.50"],
    ["18400.5", "ar-EG", "EGP", "١٨٬٤٠٠٫٥٠"],
    ["18400.5", "en-US", null, "18,400.5"],
    ["18400", "de-DE", null, "18.400"],
    // Never fewer digits than stored: cents in yen are shown, not rounded away.
    ["18400.5", "ja-JP", "JPY", "18,400.5"],
    // Exact past what a double holds.
    ["999999999999.99", "en-US", "USD", "999,999,999,999.99"],
    ["0.30000000000000004", "en-US", "USD", "0.30000000000000004"],
    ["0.0000000000000000000000012", "de-DE", "EUR", "0,0000000000000000000000012"],
    // A currency code Intl cannot take (a peer wrote it) is shown as a plain number.
    ["18400.5", "en-US", "EURO", "18,400.5"],
  ] as const)("%s in %s (%s) is %j", (decimal, locale, currency, shown) => {
    // de-CH's apostrophe differs between ICU versions (' or ’): compare after folding it.
    const fold = (s: string) => s.replace(/['’]/g, "’");
    expect(fold(formatAmount(decimal, locale, currency))).toBe(fold(shown));
  });

  it.each(["en-US", "en-IN", "de-DE", "de-AT", "de-CH", "fr-FR", "fr-CH", "es-ES", "pt-PT", "sv-SE", "ja-JP", "ar-EG", "fa-IR", "hi-IN", "bn-BD"])(
    "what is shown in %s reads back as the same amount, with or without a currency",
    (locale) => {
      for (const decimal of ["0", "7", "1234", "18400.5", "1234567.89", "999999999999.99"]) {
        for (const currency of [null, "EUR", "CHF", "JPY"]) {
          const shown = formatAmount(decimal, locale, currency);
          const read = parseAmount(shown, locale);
          expect(read.ok, `${decimal} ${currency} shown as ${shown}`).toBe(true);
          if (read.ok) expect(storedDecimal(read.decimal!), `${decimal} ${currency} shown as ${shown}`).toBe(decimal);
        }
      }
    },
  );
});

describe("an amount and its currency", () => {
  it("knows each currency's minor digits", () => {
    expect([currencyFractionDigits("USD"), currencyFractionDigits("JPY"), currencyFractionDigits("KWD"), currencyFractionDigits("EUR")]).toEqual([2, 0, 3, 2]);
  });

  it("accepts as many decimals as the currency has, and asks about more", () => {
    expect(currencyProblem("18400.50", "USD", "en-US")).toBeNull();
    expect(currencyProblem("18400", "JPY", "en-US")).toBeNull();
    expect(currencyProblem("18400.505", "KWD", "en-US")).toBeNull();
    expect(currencyProblem("18400.5", "JPY", "de-DE")).toBe("Amounts in JPY have no decimals, and 18.400,5 has 1.");
    expect(currencyProblem("18400.505", "USD", "en-US")).toBe("Amounts in USD have at most 2 decimals, and 18,400.505 has 3.");
    // Trailing zeros count: "18.400" typed in en-US is asked about, not kept as 18.40.
    expect(currencyProblem("18.400", "USD", "en-US")).toBe("Amounts in USD have at most 2 decimals, and 18.400 has 3. If you meant 18,400, write it that way.");
    expect(currencyProblem("1.234", "EUR", "de-DE")).toBe("Amounts in EUR have at most 2 decimals, and 1,234 has 3. If you meant 1.234, write it that way.");
  });
});

describe("decimal strings", () => {
  it.each([
    ["18400", "18400"],
    ["18400.50", "18400.5"],
    ["18400.00", "18400"],
    ["018400.5", "18400.5"],
    ["0.50", "0.5"],
    ["000", "0"],
    ["0.000", "0"],
  ])("%j is stored as %j", (typed, stored) => {
    expect(storedDecimal(typed)).toBe(stored);
    expect(isStoredDecimal(stored)).toBe(true);
  });

  it("refuses to store what is not a decimal string", () => {
    for (const bad of ["", "1e5", "-1", "1,5", "1.", ".5", " 1", "Infinity"]) expect(() => storedDecimal(bad), bad).toThrow(RangeError);
    for (const bad of ["18400.50", "018400", "1e5", "-1", "", "18 400"]) expect(isStoredDecimal(bad), bad).toBe(false);
  });

  it("compares by value, without floating point", () => {
    expect(compareDecimals("1000000000000", "1000000000000")).toBe(0);
    expect(compareDecimals("1000000000000.01", "1000000000000")).toBeGreaterThan(0);
    expect(compareDecimals("999999999999.999999999", "1000000000000")).toBeLessThan(0);
    expect(compareDecimals("18400.50", "18400.5")).toBe(0);
    expect(compareDecimals("9", "10")).toBeLessThan(0);
    // A double cannot tell these apart; the strings can.
    expect(compareDecimals("9007199254740993", "9007199254740992")).toBeGreaterThan(0);
  });
});

describe("decimalFromNumber: a stored number as the decimal string it prints", () => {
  it.each([
    [18400, "18400"],
    [18400.5, "18400.5"],
    [18.4, "18.4"],
    [0, "0"],
    [-0, "0"],
    [0.1 + 0.2, "0.30000000000000004"],
    [1e12, "1000000000000"],
    [1e21, "1000000000000000000000"],
    [1.5e25, "15000000000000000000000000"],
    [1e-7, "0.0000001"],
    [1.25e-10, "0.000000000125"],
    [Number.MAX_SAFE_INTEGER + 2, "9007199254740992"],
    [Number.MIN_VALUE, `0.${"0".repeat(323)}5`],
  ])("%d is %j", (n, decimal) => {
    expect(decimalFromNumber(n)).toBe(decimal);
    expect(isStoredDecimal(decimalFromNumber(n))).toBe(true);
    // Exact for what the number prints: reading it back gives the same number.
    expect(Number(decimalFromNumber(n))).toBe(Object.is(n, -0) ? 0 : n);
  });

  it("refuses what is no amount", () => {
    for (const n of [-1, -0.01, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) expect(() => decimalFromNumber(n), String(n)).toThrow(RangeError);
  });
});
