/** The local person's reminders on this device: which fired (once per person and key), and the number they give on voicemails. */
import type { CheckedInput, RemindersState } from "../../../shared/api";
import type { Profile } from "../../../shared/account/schema";
import type { ReminderLog } from "./reminder-log";

export class Reminders {
  readonly #log: ReminderLog;
  readonly #profile: () => Profile;

  /** @param profile the person at this keyboard; refuses when there is no profile yet */
  constructor(log: ReminderLog, profile: () => Profile) {
    this.#log = log;
    this.#profile = profile;
  }

  load(): Promise<void> {
    return this.#log.load();
  }

  flush(): Promise<void> {
    return this.#log.flush();
  }

  reminders(): RemindersState {
    const profile = this.#profile();
    return { fired: this.#log.fired(profile.id), callbackNumber: this.#log.callbackNumber(profile.id) };
  }

  async claimReminder({ key }: CheckedInput<"claimReminder">): Promise<{ first: boolean }> {
    const profile = this.#profile();
    return { first: await this.#log.claim(profile.id, key) };
  }

  async saveCallbackNumber({ callbackNumber }: CheckedInput<"saveCallbackNumber">): Promise<RemindersState> {
    const profile = this.#profile();
    await this.#log.setCallbackNumber(profile.id, callbackNumber ?? "");
    return this.reminders();
  }
}
