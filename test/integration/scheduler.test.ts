import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { createDatabase } from '../../src/db/database.js';
import { insertRitual, insertSkip, setRitualPaused } from '../../src/db/repos/rituals.js';
import { replaceSlots } from '../../src/db/repos/scheduler.js';
import { enqueueMessages } from '../../src/db/repos/outbox.js';
import { instantOf, type Schedule, nextOccurrence } from '../../src/rituals/schedule.js';
import type { RitualRunners } from '../../src/scheduler/ritual-kind.js';
import { runTick } from '../../src/scheduler/tick.js';
import { standupKind } from '../../src/standups/standup-kind.js';
import { silentLogger } from '../helpers/logs.js';
import { TestClock } from '../helpers/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const log = silentLogger();
const TEAM = 'T0SCHED001';
let database: TestDatabase;
const clock = new TestClock();

/** A ritual kind that only prompts: the scheduler's own behaviour, without a stand-up's close. */
const prompting: RitualRunners = {
  standup: {
    messagesFor: async (_tx, due) =>
      due.map((o) => ({
        teamId: o.teamId,
        dedupeKey: `prompt:${o.ritualId}:${o.participantId}:${o.localDate}`,
        channelId: o.participantId,
        view: 'reply',
        data: { text: `${o.questions[0]} (${o.localDate})` },
      })),
  },
};

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());
beforeEach(() => database.truncate());

/** A ritual with one slot per participant at its next occurrence after `from`. */
async function ritualWith(schedule: Schedule, participants: string[], from: Date) {
  const ritual = await insertRitual(database.db, {
    teamId: TEAM,
    channelId: 'C0STANDUP',
    kind: 'standup',
    days: schedule.days,
    time: schedule.time,
    zone: schedule.zone,
    questions: ['What did you get done?'],
    participants: null,
    closeAfterMinutes: 180,
    reminderBeforeCloseMinutes: null,
    createdBy: 'U0LEAD',
    now: from,
  });
  const zone = schedule.zone === 'local' ? 'Europe/Berlin' : schedule.zone;
  const next = nextOccurrence(schedule, zone, from);
  if (!next) throw new Error('no next occurrence');
  await replaceSlots(
    database.db,
    TEAM,
    ritual.id,
    participants.map((p) => ({
      teamId: TEAM,
      ritualId: ritual.id,
      participantId: p,
      zone,
      nextLocalDate: next.localDate,
      nextAt: next.at,
    })),
  );
  return ritual;
}

const tick = (db = database.db) => runTick({ db, clock, log, kinds: prompting });
const outbox = async () =>
  (
    await database.db.query(
      'select dedupe_key, channel_id from outbox order by dedupe_key',
      [],
      z.object({ dedupe_key: z.string(), channel_id: z.string() }),
    )
  ).map((m) => m.dedupe_key);
const slots = () =>
  database.db.query(
    `select participant_id, to_char(next_local_date, 'YYYY-MM-DD') as d, next_at from ritual_slots order by participant_id`,
    [],
    z.object({ participant_id: z.string(), d: z.string(), next_at: z.date() }),
  );
const occurrences = async () =>
  (
    await database.db.query(
      `select participant_id, to_char(local_date, 'YYYY-MM-DD') as d, status from ritual_occurrences order by local_date, participant_id`,
      [],
      z.object({ participant_id: z.string(), d: z.string(), status: z.string() }),
    )
  ).map((o) => `${o.participant_id} ${o.d} ${o.status}`);

/** A tick that found nothing to do. */
const NOTHING = {
  sent: 0,
  missed: 0,
  skipped: 0,
  away: 0,
  answered: 0,
  alreadyClaimed: 0,
  reminded: 0,
  closed: 0,
};

const weekdays930Berlin: Schedule = { days: [1, 2, 3, 4, 5], time: '09:30', zone: 'Europe/Berlin' };

describe('a tick', () => {
  test('sends what is due once, queues its message, and moves the slot to the next occurrence', async () => {
    // Friday 20 November 2026; 09:30 in Berlin is 08:30 UTC.
    const ritual = await ritualWith(weekdays930Berlin, ['U0ANA', 'U0BEN'], new Date('2026-11-20T07:00:00Z'));
    clock.set('2026-11-20T08:29:59Z');
    expect(await tick()).toEqual(NOTHING);

    clock.set('2026-11-20T08:30:00Z');
    expect(await tick()).toMatchObject({ sent: 2 });
    expect(await outbox()).toEqual([
      `prompt:${ritual.id}:U0ANA:2026-11-20`,
      `prompt:${ritual.id}:U0BEN:2026-11-20`,
    ]);
    // The next is Monday.
    expect((await slots()).map((s) => [s.d, s.next_at.toISOString()])).toEqual([
      ['2026-11-23', '2026-11-23T08:30:00.000Z'],
      ['2026-11-23', '2026-11-23T08:30:00.000Z'],
    ]);

    expect(await tick()).toEqual(NOTHING);
    expect(await outbox()).toHaveLength(2);
  });

  test('two schedulers on one database never send a prompt twice', async () => {
    const people = Array.from({ length: 60 }, (_, i) => `U0P${String(i).padStart(3, '0')}`);
    await ritualWith(weekdays930Berlin, people, new Date('2026-11-20T07:00:00Z'));
    clock.set('2026-11-20T08:31:00Z');
    // A second replica has its own connections to a server; the embedded engine serves one
    // process, whose single connection the ticks then share.
    const other =
      database.engine === 'server' ? createDatabase({ url: database.url, log, poolMax: 3 }) : database.db;
    try {
      const results = await Promise.all([
        runTick({ db: database.db, clock, log, kinds: prompting, batchSize: 7 }),
        runTick({ db: other, clock, log, kinds: prompting, batchSize: 7 }),
        runTick({ db: other, clock, log, kinds: prompting, batchSize: 5 }),
      ]);
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(60);
    } finally {
      if (other !== database.db) await other.close();
    }
    expect(await outbox()).toHaveLength(60);
    expect(new Set(await outbox()).size).toBe(60);
  });

  test('a tick that fails halfway leaves nothing claimed; the next one sends once', async () => {
    await ritualWith(weekdays930Berlin, ['U0ANA'], new Date('2026-11-20T07:00:00Z'));
    clock.set('2026-11-20T08:30:00Z');
    const failing: RitualRunners = {
      standup: {
        messagesFor: async () => {
          throw new Error('process died while building the message');
        },
      },
    };
    await expect(runTick({ db: database.db, clock, log, kinds: failing })).rejects.toThrow('process died');
    expect(await occurrences()).toEqual([]);
    expect(await tick()).toMatchObject({ sent: 1 });
    expect(await tick()).toMatchObject({ sent: 0 });
    expect(await outbox()).toHaveLength(1);
  });
});

describe('after downtime', () => {
  test('an occurrence missed by less than the grace period is sent late, once', async () => {
    await ritualWith(weekdays930Berlin, ['U0ANA'], new Date('2026-11-20T07:00:00Z'));
    clock.set('2026-11-20T10:29:00Z'); // 1 h 59 min late
    expect(await tick()).toMatchObject({ sent: 1, missed: 0 });
  });

  test('older ones are recorded as missed and not sent; the slot catches up to the future', async () => {
    await ritualWith(weekdays930Berlin, ['U0ANA'], new Date('2026-11-20T07:00:00Z'));
    // Back on Tuesday 24 November at 09:00 Berlin: Friday and Monday were missed.
    clock.set('2026-11-24T08:00:00Z');
    expect(await tick()).toEqual({ ...NOTHING, missed: 2 });
    expect(await occurrences()).toEqual(['U0ANA 2026-11-20 missed', 'U0ANA 2026-11-23 missed']);
    expect(await outbox()).toEqual([]);
    expect((await slots())[0]?.next_at.toISOString()).toBe('2026-11-24T08:30:00.000Z');
  });
});

describe('days off and pauses', () => {
  test('a skipped day sends nothing and moves on', async () => {
    const ritual = await ritualWith(weekdays930Berlin, ['U0ANA'], new Date('2026-11-20T07:00:00Z'));
    await insertSkip(database.db, {
      teamId: TEAM,
      ritualId: ritual.id,
      localDate: '2026-11-20',
      createdBy: 'U0LEAD',
      now: new Date(),
    });
    clock.set('2026-11-20T08:30:00Z');
    expect(await tick()).toMatchObject({ sent: 0, skipped: 1 });
    expect(await outbox()).toEqual([]);
    expect((await slots())[0]?.d).toBe('2026-11-23');
  });

  test('a paused ritual records nothing; resumed, it sends again', async () => {
    const ritual = await ritualWith(weekdays930Berlin, ['U0ANA'], new Date('2026-11-20T07:00:00Z'));
    await setRitualPaused(database.db, TEAM, ritual.id, true, new Date());
    clock.set('2026-11-20T08:30:00Z');
    expect(await tick()).toEqual(NOTHING);
    expect(await occurrences()).toEqual([]);
    await setRitualPaused(database.db, TEAM, ritual.id, false, new Date());
    clock.set('2026-11-23T08:30:00Z');
    expect(await tick()).toMatchObject({ sent: 1 });
  });
});

describe('daylight saving', () => {
  test.each([
    ['Europe/Berlin', '02:30', '2026-03-28', '2026-03-29', '2026-03-29T01:00:00.000Z'],
    ['Europe/Berlin', '02:30', '2026-10-24', '2026-10-25', '2026-10-25T00:30:00.000Z'],
    ['America/New_York', '02:30', '2026-03-07', '2026-03-08', '2026-03-08T07:00:00.000Z'],
    ['America/New_York', '01:30', '2026-10-31', '2026-11-01', '2026-11-01T05:30:00.000Z'],
  ])('in %s at %s, after %s the next run is %s at %s, once', async (zone, time, before, dstDay, instant) => {
    const schedule: Schedule = { days: [1, 2, 3, 4, 5, 6, 7], time, zone };
    await ritualWith(schedule, ['U0ANA'], new Date(instantOf(before, '00:00', zone)));
    clock.set(instantOf(before, time, zone));
    expect(await tick()).toMatchObject({ sent: 1 });
    expect((await slots())[0]).toMatchObject({ d: dstDay, next_at: new Date(instant) });
    clock.set(new Date(Date.parse(instant) + 90 * 60 * 1000));
    expect(await tick()).toMatchObject({ sent: 1 });
    expect(await tick()).toMatchObject({ sent: 0 });
    expect(await occurrences()).toEqual([`U0ANA ${before} sent`, `U0ANA ${dstDay} sent`]);
  });
});

describe('the day’s close', () => {
  const closes: string[] = [];
  const closing: RitualRunners = {
    standup: {
      ...prompting.standup!,
      close: async (_tx, day) => {
        closes.push(day.localDate);
        return [];
      },
    },
  };
  const tickClosing = () => runTick({ db: database.db, clock, log, kinds: closing });
  beforeEach(() => {
    closes.length = 0;
  });

  test('runs once, after the last participant’s window, whatever their zones', async () => {
    // 09:30 local for Ana in Berlin (08:30 UTC) and Ben in New York (14:30 UTC); three hours each.
    const ritual = await ritualWith(
      { days: [1, 2, 3, 4, 5], time: '09:30', zone: 'local' },
      ['U0ANA'],
      new Date('2026-11-20T07:00:00Z'),
    );
    await database.db.execute(
      `insert into ritual_slots (team_id, ritual_id, participant_id, zone, next_local_date, next_at)
       values ($1, $2, 'U0BEN', 'America/New_York', '2026-11-20', '2026-11-20T14:30:00Z')`,
      [TEAM, ritual.id],
    );
    clock.set('2026-11-20T08:30:00Z');
    expect(await tickClosing()).toMatchObject({ sent: 1 });
    clock.set('2026-11-20T11:31:00Z'); // Ana's window has closed, Ben's has not opened
    expect(await tickClosing()).toMatchObject({ closed: 0 });
    clock.set('2026-11-20T14:30:00Z');
    expect(await tickClosing()).toMatchObject({ sent: 1, closed: 0 });
    clock.set('2026-11-20T17:29:59Z');
    expect(await tickClosing()).toMatchObject({ closed: 0 });
    clock.set('2026-11-20T17:30:00Z');
    expect(await tickClosing()).toMatchObject({ closed: 1 });
    expect(await tickClosing()).toMatchObject({ closed: 0 });
    expect(closes).toEqual(['2026-11-20']);
  });

  test('a day off has no close; a day everyone was away still closes', async () => {
    const ritual = await ritualWith(weekdays930Berlin, ['U0ANA'], new Date('2026-11-20T07:00:00Z'));
    await insertSkip(database.db, {
      teamId: TEAM,
      ritualId: ritual.id,
      localDate: '2026-11-20',
      createdBy: 'U0LEAD',
      now: new Date(),
    });
    await database.db.execute(
      `insert into away_periods (team_id, user_id, until_date, created_at) values ($1, 'U0ANA', '2026-11-23', now())`,
      [TEAM],
    );
    clock.set('2026-11-20T08:30:00Z');
    expect(await tickClosing()).toMatchObject({ skipped: 1 });
    clock.set('2026-11-23T08:30:00Z');
    expect(await tickClosing()).toMatchObject({ away: 1 });
    clock.set('2026-11-23T12:00:00Z');
    expect(await tickClosing()).toMatchObject({ closed: 1 });
    expect(closes).toEqual(['2026-11-23']);
  });

  test('days missed during downtime have no close', async () => {
    await ritualWith(weekdays930Berlin, ['U0ANA'], new Date('2026-11-20T07:00:00Z'));
    clock.set('2026-11-24T08:00:00Z');
    expect(await tickClosing()).toMatchObject({ missed: 2, closed: 0 });
    clock.set('2026-11-24T08:30:00Z');
    expect(await tickClosing()).toMatchObject({ sent: 1, closed: 0 });
    clock.set('2026-11-24T11:30:00Z');
    expect(await tickClosing()).toMatchObject({ closed: 1 });
    expect(closes).toEqual(['2026-11-24']);
  });

  test('a stand-up day answered before its close: the close edits the header the answer queued, once', async () => {
    const kinds: RitualRunners = { standup: { ...prompting.standup!, close: standupKind.close } };
    const ritual = await ritualWith(weekdays930Berlin, ['U0ANA'], new Date('2026-11-20T07:00:00Z'));
    clock.set('2026-11-20T08:30:00Z');
    await runTick({ db: database.db, clock, log, kinds });
    // An answer queued the day's header (it may not be posted yet: the close does not wait for it).
    const header = `standup-header:${ritual.id}:2026-11-20`;
    await enqueueMessages(
      database.db,
      [
        {
          teamId: TEAM,
          dedupeKey: header,
          channelId: 'C0STANDUP',
          view: 'standups.header',
          data: { localDate: '2026-11-20' },
        },
      ],
      clock.now(),
    );
    clock.set('2026-11-20T11:30:00Z');
    expect(await runTick({ db: database.db, clock, log, kinds })).toMatchObject({ closed: 1 });
    expect(await runTick({ db: database.db, clock, log, kinds })).toMatchObject({ closed: 0 });
    expect(await outbox()).toEqual([
      `prompt:${ritual.id}:U0ANA:2026-11-20`,
      `standup-close:${ritual.id}:2026-11-20`,
      header,
    ]);
  });
});
