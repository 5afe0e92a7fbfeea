/** A person as an account records them, and who did something when. */
import type { Fixed } from "../values";
import { attribution, person, type Check } from "../stored";

/** A person as recorded on an account (a local profile from some install). */
export interface PersonRefDoc {
  id: Fixed;
  name: Fixed;
}
export const personRecord: Check<PersonRefDoc> = person;

/** Who did something, and when (ISO timestamp). */
export interface AttributionDoc {
  by: PersonRefDoc;
  at: Fixed;
}
export const attributionRecord: Check<AttributionDoc> = attribution;
