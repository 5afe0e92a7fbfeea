/**
 * The customer company itself, beyond its name (the account's `name`): its web domain and
 * its switchboard phone. Two fields at the top of the account, not a record of their own:
 * a scalar set on two laptops at once keeps one of the two values, where a new record made
 * on two laptops apart would keep one record and lose what was written into the other.
 * Neither is written until someone sets it (`unwritten` in account.ts): missing reads as none.
 */
import type { Fixed } from "../values";
import { fixed, nullable, orMissing, type Check } from "../stored";

/** The company's domain as people type it into a browser ("acme.com"); null: not given. The forms reduce a URL to its host (validation/customer.ts). */
export type CustomerDomainDoc = Fixed | null;
export const customerDomainRecord: Check<CustomerDomainDoc> = orMissing(nullable(fixed));
export const newCustomerDomain = (): CustomerDomainDoc => null;

/** The company's main phone number; null: not given. */
export type CustomerPhoneDoc = Fixed | null;
export const customerPhoneRecord: Check<CustomerPhoneDoc> = orMissing(nullable(fixed));
export const newCustomerPhone = (): CustomerPhoneDoc => null;
