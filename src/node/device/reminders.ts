/** The local person's reminders on this device: which fired (once per person and key), and the number they give on voicemails. */
import type { CheckedInput, RemindersState } from "../../../shared/api";
import type { Profile } from "../../../shared/account/schema";
import type { ReminderLog } from "./reminder-log";

export class Reminders {
  readonly #log: ReminderLog;
  readonly #profile: () => Profile;

  readonly #onFirst: (person: Profile, key: string) => void;

  /**
   * @param profile the person at this keyboard; refuses when there is no profile yet
   * @param onFirst told of each reminder the first time it is claimed (the account records it for the person's other laptops)
   */
  constructor(log: ReminderLog, profile: () => Profile, onFirst: (person: Profile, key: string) => void = () => undefined) {
    this.#log = log;
    this.#profile = profile;
    this.#onFirst = onFirst;
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
    const first = await this.#log.claim(profile.id, key);
    if (first) this.#onFirst(profile, key);
    return { first };
  }

  async saveCallbackNumber({ callbackNumber }: CheckedInput<"saveCallbackNumber">): Promise<RemindersState> {
    const profile = this.#profile();
    await this.#log.setCallbackNumber(profile.id, callbackNumber ?? "");
    return this.reminders();
  }
}
