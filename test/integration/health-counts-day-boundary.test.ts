import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { digestLists } from '../../src/db/repos/health-digest.js';
import { insertRitual } from '../../src/db/repos/rituals.js';
import { periodInputs, periodsInputs } from '../../src/health/period-inputs.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * A check-in falls in the period that holds its prompt's time, for every count that reads it:
 * participation, blockers raised, blocker episodes and the digest's blocked people agree, whatever
 * the person's zone and whenever in the day the period ends (docs/METRICS.md).
 */
const TEAM = 'T0RAPPORT1';
const CHANNEL = 'C0ALLIANCE';
const [ANA, BEN] = ['U0ANA00001', 'U0BEN00002'];
const WEEK = 7 * 24 * 3600_000;
const endingAt = (end: string) => ({ start: new Date(new Date(end).getTime() - WEEK), end: new Date(end) });
const periodEnding = (end: string) => ({ teamId: TEAM, channelId: CHANNEL, ...endingAt(end) });

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.execute('truncate rituals, ritual_slots, ritual_occurrences, checkins cascade', []);
});

const sql = (text: string, values: unknown[] = []) => t.db.execute(text, values);

async function standup(zone = 'UTC') {
  const row = await insertRitual(t.db, {
    teamId: TEAM,
    channelId: CHANNEL,
    kind: 'standup',
    days: [1, 2, 3, 4, 5],
    time: '09:00',
    zone,
    questions: ['Q?'],
    createdBy: ANA,
    now: new Date('2026-10-01T00:00:00Z'),
  });
  return row.id;
}

/** A stand-up day of one person: prompted at `prompt` (none: not decided yet, or no prompt that day). */
async function day(
  ritualId: number,
  user: string,
  localDate: string,
  c: { prompt?: string; at: string; blocker?: boolean },
) {
  if (c.prompt) {
    await sql(
      `insert into ritual_occurrences (team_id, ritual_id, participant_id, local_date, scheduled_at, status, decided_at)
       values ($1, $2, $3, $4, $5, 'sent', $5)`,
      [TEAM, ritualId, user, localDate, c.prompt],
    );
  }
  await sql(
    `insert into checkins (team_id, ritual_id, user_id, local_date, status, blocker, submitted_at, updated_at)
     values ($1, $2, $3, $4, 'answered', $5, $6, $6)`,
    [TEAM, ritualId, user, localDate, c.blocker ?? false, c.at],
  );
}

describe('check-ins counted by their prompt time, for participation and blockers alike', () => {
  test('a blocker raised on the day /health is run counts in that period, and in the digest', async () => {
    const ritual = await standup();
    // Monday 23 November: Ana is prompted at 09:00 UTC and raises a blocker; /health runs at 15:00.
    await day(ritual, ANA, '2026-11-23', {
      prompt: '2026-11-23T09:00:00Z',
      at: '2026-11-23T09:10:00Z',
      blocker: true,
    });
    const now = periodEnding('2026-11-23T15:00:00Z');

    const inputs = await periodInputs(t.db, now);
    expect(inputs.checkins).toEqual({ expected: 1, answered: 1, onTime: 1 });
    expect(inputs.blockers).toEqual({ raised: 1, episodes: 1, meanOpenDays: 0 });
    expect((await digestLists(t.db, now, 5)).blockers).toEqual({
      items: [{ userId: ANA, since: '2026-11-23' }],
      total: 1,
    });

    // The week after counts neither the check-in nor the blocker again, but the episode is still open.
    const [, next] = await periodsInputs(t.db, {
      teamId: TEAM,
      channelId: CHANNEL,
      periods: [endingAt('2026-11-23T15:00:00Z'), endingAt('2026-11-30T15:00:00Z')],
    });
    expect(next?.checkins.answered).toBe(0);
    expect(next?.blockers).toEqual({ raised: 0, episodes: 1, meanOpenDays: 7 });
  });

  test('a blocker cleared on the morning of the period’s end is resolved in it, and not open in the next', async () => {
    const ritual = await standup();
    await day(ritual, BEN, '2026-11-20', {
      prompt: '2026-11-20T09:00:00Z',
      at: '2026-11-20T09:05:00Z',
      blocker: true,
    });
    await day(ritual, BEN, '2026-11-23', { prompt: '2026-11-23T09:00:00Z', at: '2026-11-23T09:05:00Z' });
    const [week, next] = await periodsInputs(t.db, {
      teamId: TEAM,
      channelId: CHANNEL,
      periods: [endingAt('2026-11-23T15:00:00Z'), endingAt('2026-11-30T15:00:00Z')],
    });
    expect(week?.blockers).toEqual({ raised: 1, episodes: 1, meanOpenDays: 3 });
    expect(next?.blockers).toEqual({ raised: 0, episodes: 0, meanOpenDays: null });
    expect((await digestLists(t.db, periodEnding('2026-11-23T15:00:00Z'), 5)).blockers.total).toBe(0);
  });

  test('in a zone ahead of UTC, a check-in of a day UTC has not reached counts before that day begins in UTC', async () => {
    // Auckland is UTC+13 in November: Tuesday 24 at 09:00 there is Monday 23 at 20:00 UTC. The blocker is
    // raised at 23:30 Auckland time; the period ends at 21:00 UTC on Monday, after the prompt.
    const ritual = await standup('Pacific/Auckland');
    await day(ritual, ANA, '2026-11-24', {
      prompt: '2026-11-23T20:00:00Z',
      at: '2026-11-24T10:30:00Z',
      blocker: true,
    });
    const [week, next] = await periodsInputs(t.db, {
      teamId: TEAM,
      channelId: CHANNEL,
      periods: [endingAt('2026-11-23T21:00:00Z'), endingAt('2026-11-30T21:00:00Z')],
    });
    expect(week?.checkins.answered).toBe(1);
    // Raised on Tuesday in Auckland, still Monday in UTC: open 0 days, never fewer.
    expect(week?.blockers).toEqual({ raised: 1, episodes: 1, meanOpenDays: 0 });
    expect(next?.checkins.answered).toBe(0);
    expect(next?.blockers.raised).toBe(0);
  });

  test('in a zone behind UTC, a check-in of a day UTC has left counts after that day ended in UTC', async () => {
    // Los Angeles is UTC−8 in November: Monday 23 at 17:00 there is Tuesday 24 at 01:00 UTC. The blocker
    // is raised at 23:30 Los Angeles time. A period ending at 00:30 UTC on Tuesday, before the prompt,
    // counts nothing of it; the one starting then counts all of it.
    const ritual = await standup('America/Los_Angeles');
    await day(ritual, ANA, '2026-11-23', {
      prompt: '2026-11-24T01:00:00Z',
      at: '2026-11-24T07:30:00Z',
      blocker: true,
    });
    const [before, after] = await periodsInputs(t.db, {
      teamId: TEAM,
      channelId: CHANNEL,
      periods: [endingAt('2026-11-24T00:30:00Z'), endingAt('2026-12-01T00:30:00Z')],
    });
    expect(before?.checkins.answered).toBe(0);
    expect(before?.blockers).toEqual({ raised: 0, episodes: 0, meanOpenDays: null });
    expect(after?.checkins.answered).toBe(1);
    expect(after?.blockers.raised).toBe(1);
    expect(after?.blockers.episodes).toBe(1);
    expect((await digestLists(t.db, periodEnding('2026-11-24T00:30:00Z'), 5)).blockers.total).toBe(0);
  });

  test('a check-in just before the period starts is not counted, one at its start is', async () => {
    const ritual = await standup();
    await day(ritual, ANA, '2026-11-16', {
      prompt: '2026-11-16T08:59:59Z',
      at: '2026-11-16T09:10:00Z',
      blocker: true,
    });
    await day(ritual, BEN, '2026-11-16', {
      prompt: '2026-11-16T09:00:00Z',
      at: '2026-11-16T09:10:00Z',
      blocker: true,
    });
    const inputs = await periodInputs(t.db, periodEnding('2026-11-23T09:00:00Z'));
    expect(inputs.checkins.answered).toBe(1);
    expect(inputs.blockers.raised).toBe(1);
  });

  test('answered before the prompt, a check-in waits for the prompt’s time; on a day without one, it counts when submitted', async () => {
    const ritual = await standup();
    // Ana answers Monday's stand-up at 07:00, before its 09:00 prompt, which the scheduler has not
    // decided yet: her slot is still due.
    await sql(
      `insert into ritual_slots (team_id, ritual_id, participant_id, zone, next_local_date, next_at)
       values ($1, $2, $3, 'UTC', '2026-11-23', '2026-11-23T09:00:00Z')`,
      [TEAM, ritual, ANA],
    );
    await day(ritual, ANA, '2026-11-23', { at: '2026-11-23T07:00:00Z', blocker: true });
    // Ben checks in on Saturday, a day the stand-up does not run.
    await day(ritual, BEN, '2026-11-21', { at: '2026-11-21T11:00:00Z', blocker: true });

    const at8 = await periodInputs(t.db, periodEnding('2026-11-23T08:00:00Z'));
    expect(at8.blockers.raised).toBe(1); // Ben's
    const at10 = await periodInputs(t.db, periodEnding('2026-11-23T10:00:00Z'));
    expect(at10.blockers.raised).toBe(2);
  });
});
