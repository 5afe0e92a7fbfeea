import { describe, expect, it } from "vitest";
import { ACCOUNT_PARTS } from "../../../shared/account/records/account";
import { tabOfPart } from "./AccountTabs";
import { ACCOUNT_LEVEL_PARTS } from "../damage/AccountDamage";

/** Parts the sections above the tabs show with their own damaged items (StageBar, FollowUpsSection). */
const SECTION_PARTS = ["stage", "stageHistory", "checks", "followUps", "decisionProcess", "feedback"];

describe("damaged parts", () => {
  it("each part of the account has a place in the window where its damage is shown with a repair", () => {
    const unshown = Object.keys(ACCOUNT_PARTS).filter((part) => !(ACCOUNT_LEVEL_PARTS as readonly string[]).includes(part) && !tabOfPart(part) && !SECTION_PARTS.includes(part));
    expect(unshown).toEqual([]);
  });
});
