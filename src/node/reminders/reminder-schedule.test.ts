/**
 * The node keeps the reminder schedule: it announces a call when its agreed time comes,
 * with no window involved, once per person — and a window that connects later still gets
 * what nobody has shown yet.
 */
import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import type { NodeEvent } from "../../../shared/api";
import type { ProfileSettings as Profile } from "../../../shared/account/schema";
import type { AccountSummary } from "../../../shared/queries/summary";
import { ReminderLog } from "../device/reminder-log";
import { eventually, removeDir, tempDir } from "../test-helpers";
import { ReminderSchedule } from "./reminder-schedule";

const ID = "4NMNnkMhL8jXrdJ9jamS58PAVdXu";
const ana: Profile = { id: "ana", name: "Ana", role: "rep", phone: null, email: null, reminderLeadMinutes: 0 };
const dana: Profile = { id: "dana", name: "Dana", role: "delivery-lead", phone: null, email: null, reminderLeadMinutes: 0 };

class FakeLibrary extends EventEmitter<{ changed: [string] }> {
  accounts: AccountSummary[] = [];
  list(): AccountSummary[] {
    return this.accounts;
  }
  setCall(at: string): void {
    this.accounts = [
      {
        documentId: ID, name: "Northwind", stage: "follow-up", owner: "rep", ownerName: "Ana", commitments: 0, milestones: 0, openRisks: 0, nextDue: null, readOnly: false,
        ownerId: "ana",
        calls: [{ id: "f1", purpose: "follow-up", agreedTime: at, timeZone: "Europe/Berlin", reason: "Price", assigneeId: "ana", assigneeName: "Ana" }],
      },
    ];
    this.emit("changed", ID);
  }
}

class Windows {
  sent: NodeEvent[] = [];
  attach: Array<() => NodeEvent[]> = [];
  send(e: NodeEvent): void {
    this.sent.push(e);
  }
  onAttach(extra: () => NodeEvent[]): void {
    this.attach.push(extra);
  }
  /** What a window that connects now is sent by the schedule. */
  connect(): NodeEvent[] {
    return this.attach.flatMap((f) => f());
  }
}

const dirs: string[] = [];
const schedules: ReminderSchedule[] = [];
afterEach(async () => {
  for (const s of schedules.splice(0)) s.stop();
  while (dirs.length) await removeDir(dirs.pop()!);
});

async function setUp(profile: Profile | null = ana, now = () => new Date("2026-03-02T08:00:00.000Z"), dir?: string) {
  const data = dir ?? (await tempDir());
  if (!dir) dirs.push(data);
  const log = new ReminderLog(data);
  await log.load();
  const library = new FakeLibrary();
  const windows = new Windows();
  let person = profile;
  const schedule = new ReminderSchedule({ library, profile: () => person, log, events: windows, now });
  schedules.push(schedule);
  return { data, log, library, windows, schedule, setPerson: (p: Profile | null) => (person = p) };
}

describe("the reminder schedule", () => {
  it("announces a call at its agreed time, to main and to the windows, once", async () => {
    let now = new Date("2026-03-02T08:59:00.000Z");
    const { library, windows, schedule } = await setUp(ana, () => now);
    library.setCall("2026-03-02T09:00:00.000Z");
    const toldMain: string[] = [];
    schedule.onDue((rs) => toldMain.push(...rs.map((r) => r.key)));

    expect(schedule.check()).toEqual([]);
    expect(schedule.nextAt()).toBe("2026-03-02T09:00:00.000Z");
    now = new Date("2026-03-02T09:00:00.000Z");
    expect(schedule.check().map((r) => r.accountName)).toEqual(["Northwind"]);
    expect(toldMain).toEqual([`${ID}/f1@2026-03-02T09:00:00.000Z`]);
    expect(windows.sent).toEqual([{ type: "reminders-due", reminders: [expect.objectContaining({ documentId: ID, itemId: "f1" })] }]);
    // Looking again (a summary changed) does not announce it twice.
    expect(schedule.check()).toEqual([]);
  });

  it("wakes by itself when the agreed time comes", async () => {
    const { library, schedule } = await setUp(ana, () => new Date());
    const told: string[] = [];
    schedule.onDue((rs) => told.push(...rs.map((r) => r.itemId)));
    schedule.start();
    library.setCall(new Date(Date.now() + 400).toISOString());
    await eventually(() => told.length > 0, 5_000, "the reminder");
    expect(told).toEqual(["f1"]);
  });

  it("is shown once per person: the first claim wins, later ones and a restart stay quiet", async () => {
    const now = () => new Date("2026-03-02T10:00:00.000Z");
    const { data, library, schedule } = await setUp(ana, now);
    library.setCall("2026-03-02T09:00:00.000Z");
    const [due] = schedule.check();
    expect(await schedule.claim(due!.key)).toBe(true);
    expect(await schedule.claim(due!.key)).toBe(false);
    expect(schedule.due()).toEqual([]);

    const restarted = await setUp(ana, now, data);
    restarted.library.setCall("2026-03-02T09:00:00.000Z");
    expect(restarted.schedule.check()).toEqual([]);
    // The delivery lead on the same device is not reminded of the rep's call.
    restarted.setPerson(dana);
    expect(restarted.schedule.due()).toEqual([]);
  });

  it("gives a window that connects later what nobody has shown yet", async () => {
    const { library, windows, schedule } = await setUp(ana, () => new Date("2026-03-02T12:00:00.000Z"));
    library.setCall("2026-03-02T09:00:00.000Z");
    schedule.check();
    expect(windows.connect()).toEqual([{ type: "reminders-due", reminders: [expect.objectContaining({ itemId: "f1", agreedTime: "2026-03-02T09:00:00.000Z" })] }]);
    await schedule.claim(`${ID}/f1@2026-03-02T09:00:00.000Z`);
    expect(windows.connect()).toEqual([]);
  });

  it("reminds nobody before a profile is set", async () => {
    const { library, schedule } = await setUp(null, () => new Date("2026-03-02T12:00:00.000Z"));
    library.setCall("2026-03-02T09:00:00.000Z");
    expect(schedule.check()).toEqual([]);
    expect(await schedule.claim(`${ID}/f1@2026-03-02T09:00:00.000Z`)).toBe(false);
  });
});
