import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { insertRitual } from '../../src/db/repos/rituals.js';
import { digestLists } from '../../src/db/repos/health-digest.js';
import { periodInputs } from '../../src/health/period-inputs.js';
import { scorecardOf } from '../../src/health/scorecard.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const TEAM = 'T0RAPPORT1';
const CHANNEL = 'C0ALLIANCE';
const ELSEWHERE = 'C0ELSEWHERE';
const [ANA, BEN, CY, DEE] = ['U0ANA00001', 'U0BEN00002', 'U0CY000003', 'U0DEE00004'];
/** The week Monday 16 to Monday 23 November 2026, UTC. */
const PERIOD = {
  teamId: TEAM,
  channelId: CHANNEL,
  start: new Date('2026-11-16T00:00:00Z'),
  end: new Date('2026-11-23T00:00:00Z'),
};

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.execute(
    `truncate rituals, ritual_occurrences, checkins, kudos, credits, credit_contributors, action_items,
       pulse_rounds, pulse_responses, retros, retro_notes, alliance_sides, slack_users cascade`,
    [],
  );
});

const sql = (text: string, values: unknown[] = []) => t.db.execute(text, values);

async function ritual(kind: 'standup' | 'retro' | 'pulse', channelId = CHANNEL) {
  const row = await insertRitual(t.db, {
    teamId: TEAM,
    channelId,
    kind,
    days: [1, 2, 3, 4, 5],
    time: '09:00',
    zone: 'UTC',
    questions: kind === 'retro' ? [] : ['Q?'],
    createdBy: ANA,
    now: new Date('2026-10-01T00:00:00Z'),
  });
  return row.id;
}

/** A stand-up day for one person: prompted at 09:00 UTC, closing three hours later. */
async function day(
  ritualId: number,
  user: string,
  date: string,
  checkin?: { status: 'answered' | 'skipped'; at?: string; blocker?: boolean },
  occurrence: 'sent' | 'answered' | 'away' = 'sent',
) {
  await sql(
    `insert into ritual_occurrences (team_id, ritual_id, participant_id, local_date, scheduled_at, status, decided_at)
     values ($1, $2, $3, $4, $5, $6, $5)`,
    [TEAM, ritualId, user, date, `${date}T09:00:00Z`, occurrence],
  );
  if (!checkin) return;
  await sql(
    `insert into checkins (team_id, ritual_id, user_id, local_date, status, blocker, submitted_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $7)`,
    [TEAM, ritualId, user, date, checkin.status, checkin.blocker ?? false, checkin.at ?? `${date}T10:00:00Z`],
  );
}

let kudosCount = 0;
async function kudos(
  giver: string,
  receiver: string,
  at: string,
  channelId = CHANNEL,
  teams?: [string, string],
) {
  kudosCount += 1;
  await sql(
    `insert into kudos (team_id, giver_id, receiver_id, channel_id, source, command_id, reason, created_at,
       giver_team_id, receiver_team_id)
     values ($1, $2, $3, $4, 'command', $5, 'thanks', $6, $7, $8)`,
    [TEAM, giver, receiver, channelId, `cmd-${kudosCount}`, at, teams?.[0] ?? null, teams?.[1] ?? null],
  );
}

describe('the counts behind a scorecard, on hand-made data', () => {
  test('check-ins: skipped and away days left out, answers on time, blockers and how long they stay open', async () => {
    const standup = await ritual('standup');
    // Ana: answered Mon (on time), Tue (late, 14:00 after the 12:00 close), skipped Wed, away Thu.
    await day(standup, ANA, '2026-11-16', { status: 'answered' });
    await day(standup, ANA, '2026-11-17', { status: 'answered', at: '2026-11-17T14:00:00Z' });
    await day(standup, ANA, '2026-11-18', { status: 'skipped' });
    await day(standup, ANA, '2026-11-19', undefined, 'away');
    // Ben: answered early on Mon (before the prompt), missed Tue.
    await day(standup, BEN, '2026-11-16', { status: 'answered', at: '2026-11-16T07:00:00Z' }, 'answered');
    await day(standup, BEN, '2026-11-17');
    // Cy: a blocker raised on the 10th, still there on the 16th, gone on the 18th (8 days open);
    // another raised on the 20th and still open at the period's end (3 days).
    await day(standup, CY, '2026-11-10', { status: 'answered', blocker: true });
    await day(standup, CY, '2026-11-16', { status: 'answered', blocker: true });
    await day(standup, CY, '2026-11-18', { status: 'answered' });
    await day(standup, CY, '2026-11-20', { status: 'answered', blocker: true });
    // Another channel's stand-up is never counted.
    await day(await ritual('standup', ELSEWHERE), DEE, '2026-11-16', { status: 'answered' });

    const inputs = await periodInputs(t.db, PERIOD);
    // Expected: Ana Mon, Tue; Ben Mon, Tue; Cy 16th, 18th, 20th = 7; answered 6; on time: all but Ana's Tuesday.
    expect(inputs.checkins).toEqual({ expected: 7, answered: 6, onTime: 5 });
    expect(inputs.blockers).toEqual({ raised: 2, episodes: 2, meanOpenDays: (8 + 3) / 2 });
    const card = scorecardOf(inputs);
    expect(card.metrics.participation).toBeCloseTo(6 / 7, 10);
    expect(card.metrics.blocker_resolution).toBeCloseTo(1 - 5.5 / 7, 10);
  });

  test('retros held, credits confirmed, actions done on time, and the latest pulse round with 3 answers', async () => {
    const retro = await ritual('retro');
    for (const date of ['2026-11-17', '2026-11-20']) {
      await sql(
        `insert into ritual_occurrences (team_id, ritual_id, participant_id, local_date, scheduled_at, status, decided_at)
         values ($1, $2, '', $3, $4, 'sent', $4)`,
        [TEAM, retro, date, `${date}T15:00:00Z`],
      );
      await sql(
        `insert into retros (team_id, channel_id, title, ritual_id, local_date, start_key, opened_at)
         values ($1, $2, 'Retro', $3, $4, $5, $6)`,
        [TEAM, CHANNEL, retro, date, `ritual:${date}`, `${date}T15:00:00Z`],
      );
    }
    // Only the first retro got a note.
    await sql(
      `insert into retro_notes (team_id, retro_id, category, body, author_id, submission_key, created_at, updated_at)
       select $1, id, 'went_well', 'Good week', $2, 'n1', now(), now() from retros where local_date = '2026-11-17'`,
      [TEAM, ANA],
    );

    await sql(
      `insert into credits (team_id, channel_id, deliverable, given_by, submission_key, created_at)
       values ($1, $2, 'Q3 launch', $3, 's1', '2026-11-18T10:00:00Z'), ($1, $4, 'Elsewhere', $3, 's2', '2026-11-18T10:00:00Z')`,
      [TEAM, CHANNEL, ANA, ELSEWHERE],
    );
    await sql(
      `insert into credit_contributors (team_id, credit_id, contributor_id, status)
       select $1, c.id, p.who, p.status from credits c,
         (values ($2, 'confirmed'), ($3, 'unconfirmed'), ($4, 'declined')) as p(who, status)`,
      [TEAM, BEN, CY, DEE],
    );

    const item = (key: string, due: string | null, doneAt: string | null) =>
      sql(
        `insert into action_items (team_id, channel_id, owner_id, body, due_on, created_by, create_key, created_at, done_at, done_by)
         values ($1, $2, $3, 'Do it', $4, $3, $5, '2026-11-01T00:00:00Z', $6, case when $6::timestamptz is null then null else $3 end)`,
        [TEAM, CHANNEL, ANA, due, key, doneAt],
      );
    await item('a', '2026-11-18', '2026-11-17T12:00:00Z'); // due in period, done early
    await item('b', '2026-11-19', '2026-11-21T12:00:00Z'); // due in period, done late
    await item('c', '2026-11-20', null); // due in period, open
    await item('d', '2026-12-01', '2026-11-22T08:00:00Z'); // due later, done in the period

    const pulse = await ritual('pulse');
    const round = async (date: string, closedAt: string, answers: number[][]) => {
      await sql(
        `insert into pulse_rounds (team_id, ritual_id, round_date, channel_id, statements, closed_at)
         values ($1, $2, $3, $4, array['Transparency', 'Reliability'], $5)`,
        [TEAM, pulse, date, CHANNEL, closedAt],
      );
      for (const scores of answers) {
        await sql(
          'insert into pulse_responses (team_id, ritual_id, round_date, scores) values ($1, $2, $3, $4)',
          [TEAM, pulse, date, scores],
        );
      }
    };
    await round('2026-11-02', '2026-11-03T09:00:00Z', [
      [5, 5],
      [4, 4],
      [3, 3],
    ]);
    // The latest round had only 2 answers: never used, so the earlier one counts.
    await round('2026-11-16', '2026-11-17T09:00:00Z', [
      [1, 1],
      [1, 1],
    ]);

    const inputs = await periodInputs(t.db, PERIOD);
    expect(inputs.retros).toEqual({ scheduled: 2, held: 1 });
    expect(inputs.credits).toEqual({ deliverables: 1, contributors: 2, confirmed: 1 });
    // Completed in the period: a, b and d.
    expect(inputs.actions).toEqual({ due: 3, doneOnTime: 1, completed: 3 });
    expect(inputs.pulse).toEqual([
      { statement: 'Transparency', mean: 4 },
      { statement: 'Reliability', mean: 4 },
    ]);
  });

  test('recognition among active members, and kudos and credits between workspaces or declared sides', async () => {
    const inPeriod = '2026-11-18T10:00:00Z';
    await kudos(ANA, BEN, inPeriod, CHANNEL, ['T0ACME', 'T0GLOBEX']);
    await kudos(ANA, BEN, inPeriod, CHANNEL, ['T0ACME', 'T0GLOBEX']);
    await kudos(BEN, ANA, inPeriod, CHANNEL, ['T0GLOBEX', 'T0ACME']);
    await kudos(ANA, CY, inPeriod, CHANNEL, ['T0ACME', 'T0ACME']);
    await kudos(DEE, ANA, inPeriod, ELSEWHERE, ['T0GLOBEX', 'T0ACME']);
    await kudos(BEN, DEE, '2026-11-01T10:00:00Z', CHANNEL, ['T0GLOBEX', 'T0GLOBEX']);

    let inputs = await periodInputs(t.db, PERIOD);
    // Active: Ana, Ben, Cy (Dee only before the period, and elsewhere).
    expect(inputs.kudosReceived).toEqual([1, 2, 1]);
    expect(inputs.usesKudos).toBe(true);
    expect(inputs.sides).toEqual(['T0ACME', 'T0GLOBEX']);
    expect(inputs.kudosFlows).toEqual([
      { from: 'T0ACME', to: 'T0ACME', count: 1 },
      { from: 'T0ACME', to: 'T0GLOBEX', count: 2 },
      { from: 'T0GLOBEX', to: 'T0ACME', count: 1 },
    ]);
    let card = scorecardOf(inputs);
    expect(card.metrics.kudos_reciprocity).toBeCloseTo(0.5, 10);
    expect(card.metrics.cross_side_kudos).toBeCloseTo(3 / 4, 10);

    // Declared sides win over workspaces: Ana and Cy design, Ben engineering; Dee in none.
    await sql(
      `insert into alliance_sides (team_id, channel_id, user_id, side, declared_by, declared_at)
       values ($1, $2, $3, 'design', $3, now()), ($1, $2, $4, 'design', $3, now()), ($1, $2, $5, 'engineering', $3, now())`,
      [TEAM, CHANNEL, ANA, CY, BEN],
    );
    inputs = await periodInputs(t.db, PERIOD);
    expect(inputs.sides).toEqual(['design', 'engineering']);
    expect(inputs.kudosFlows).toEqual([
      { from: 'design', to: 'design', count: 1 },
      { from: 'design', to: 'engineering', count: 2 },
      { from: 'engineering', to: 'design', count: 1 },
    ]);
    card = scorecardOf(inputs);
    expect(card.metrics.recognition_breadth).toBe(1);
    expect(card.metrics.credit_reciprocity).toBeNull();
  });

  test('a channel with nothing recorded has no data anywhere', async () => {
    const inputs = await periodInputs(t.db, PERIOD);
    expect(scorecardOf(inputs).score).toBeNull();
    expect(inputs.pulse).toBeNull();
    expect(inputs.sides).toEqual([]);
  });
});

describe('what a digest lists, on hand-made data', () => {
  test('people still blocked since their run began, and only this channel’s kudos, credits and actions', async () => {
    const standup = await ritual('standup');
    // Cy: blocked on the 12th, clear on the 13th, blocked again from the 17th: blocked since the 17th.
    await day(standup, CY, '2026-11-12', { status: 'answered', blocker: true });
    await day(standup, CY, '2026-11-13', { status: 'answered' });
    await day(standup, CY, '2026-11-17', { status: 'answered', blocker: true });
    await day(standup, CY, '2026-11-19', { status: 'answered', blocker: true });
    // Ana was blocked, then answered without one: not listed. Dee was blocked only in another channel.
    await day(standup, ANA, '2026-11-16', { status: 'answered', blocker: true });
    await day(standup, ANA, '2026-11-18', { status: 'answered' });
    await day(await ritual('standup', ELSEWHERE), DEE, '2026-11-18', { status: 'answered', blocker: true });

    // One kudos to two people is one line; another channel's kudos is never listed.
    await sql(
      `insert into kudos (team_id, giver_id, receiver_id, channel_id, source, command_id, reason, created_at)
       values ($1, $2, $3, $4, 'command', 'c1', 'for the launch', '2026-11-18T10:00:00Z'),
              ($1, $2, $5, $4, 'command', 'c1', 'for the launch', '2026-11-18T10:00:00Z'),
              ($1, $2, $3, $6, 'command', 'c2', 'secret', '2026-11-18T11:00:00Z')`,
      [TEAM, ANA, BEN, CHANNEL, CY, ELSEWHERE],
    );
    await sql(
      `insert into action_items (team_id, channel_id, owner_id, body, due_on, created_by, create_key, created_at, done_at, done_by)
       values ($1, $2, $3, 'Overdue one', '2026-11-20', $3, 'a1', '2026-11-10T00:00:00Z', null, null),
              ($1, $2, $3, 'Done late, after the week', '2026-11-19', $3, 'a2', '2026-11-10T00:00:00Z', '2026-11-24T00:00:00Z', $3),
              ($1, $2, $4, 'Done in the week', null, $4, 'a3', '2026-11-10T00:00:00Z', '2026-11-17T00:00:00Z', $4),
              ($1, $5, $3, 'Overdue elsewhere', '2026-11-01', $3, 'a4', '2026-10-10T00:00:00Z', null, null)`,
      [TEAM, CHANNEL, BEN, CY, ELSEWHERE],
    );

    const lists = await digestLists(t.db, PERIOD, 3);
    expect(lists.blockers).toEqual({ items: [{ userId: CY, since: '2026-11-17' }], total: 1 });
    expect(lists.kudos).toEqual({
      items: [{ giverId: ANA, receiverIds: [BEN, CY], reason: 'for the launch' }],
      total: 1,
    });
    // Both were overdue at the week's end: one still open, one done only after it.
    expect(lists.overdue.items.map((a) => a.body)).toEqual(['Done late, after the week', 'Overdue one']);
    expect(lists.actionsDone).toEqual({
      items: [{ ownerId: CY, body: 'Done in the week', dueOn: null }],
      total: 1,
    });
    expect(lists.credits).toEqual({ items: [], total: 0 });
  });
});
