/** Words of correcting what was recorded: a call's reason, notes and time, a logged activity. */
export const CORRECT_WORDS = {
  edit: "Correct",
  editCall: (what: string) => `Correct the call: ${what}`,
  callGroup: "Correct the call",
  reason: "Reason for the call",
  notes: "Notes for the call",
  timeForm: "Correct the agreed time",
  agreed: "Agreed",
  saveTime: "Move the call",
  done: "Done",
  close: "Close",
  moved: (when: string) => `Moved to ${when} (your time).`,
  editActivity: "Correct this entry",
  activity: "What happened",
  save: "Save",
  cancel: "Cancel",
  activityEmpty: "Say what happened, or remove the entry.",
} as const;
