/** The person at this keyboard: name and role, kept in the device's settings and attributed to every edit. */
import type { CheckedInput } from "../../../shared/api";
import type { ProfileSettings } from "../../../shared/account/schema";
import { ApiFailure } from "../api/api-failure";
import type { DeviceSettings } from "./device-settings";

export class LocalProfile {
  readonly #device: DeviceSettings;
  readonly #onChange: () => void;

  constructor(device: DeviceSettings, onChange: () => void) {
    this.#device = device;
    this.#onChange = onChange;
  }

  async saveProfile(input: CheckedInput<"saveProfile"> | Parameters<DeviceSettings["setProfile"]>[0]): Promise<ProfileSettings> {
    const profile = await this.#device.setProfile(input);
    this.#onChange();
    return profile;
  }

  /** The profile; what needs one (an account, a meeting, reminders) is refused without it. */
  required(): ProfileSettings {
    const p = this.#device.profile;
    if (!p) throw new ApiFailure(409, "Set up your profile first (your name and role).");
    return p;
  }
}
