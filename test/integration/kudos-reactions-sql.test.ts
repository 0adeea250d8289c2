import { afterAll, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { z } from 'zod';
import { applyKudosReactions, type KudosReactionChange } from '../../src/db/repos/kudos.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

let database: TestDatabase;
const now = new Date('2026-11-22T10:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());
beforeEach(() => database.truncate());

let clock = 1000;
const change = (fields: Partial<KudosReactionChange>): KudosReactionChange => {
  clock += 1;
  return {
    teamId: 'T1',
    channelId: 'C1',
    messageTs: '1.0001',
    reactorId: 'U0ANA',
    authorId: 'U0BEN',
    emoji: 'clap',
    eventTs: `${clock}.000001`,
    active: true,
    ...fields,
  };
};

const standing = async () =>
  (
    await database.db.query(
      'select giver_id, receiver_id, message_ts, emoji from kudos where retracted_at is null order by giver_id, message_ts',
      [],
      z.object({ giver_id: z.string(), receiver_id: z.string(), message_ts: z.string(), emoji: z.string() }),
    )
  ).map((k) => `${k.giver_id}→${k.receiver_id} ${k.message_ts} ${k.emoji}`);

test('one statement applies a whole batch of different reactions', async () => {
  await applyKudosReactions(
    database.db,
    [
      change({}),
      change({ reactorId: 'U0CAL' }),
      change({ messageTs: '1.0002', reactorId: 'U0BEN', authorId: 'U0ANA', emoji: 'raised_hands' }),
    ],
    now,
  );
  expect(await standing()).toEqual([
    'U0ANA→U0BEN 1.0001 clap',
    'U0BEN→U0ANA 1.0002 raised_hands',
    'U0CAL→U0BEN 1.0001 clap',
  ]);
});

test('within one batch, the latest event of a reaction wins, in whatever order they came', async () => {
  const added = change({});
  const removed = change({ active: false });
  await applyKudosReactions(database.db, [removed, added, added], now);
  expect(await standing()).toEqual([]);
  const readded = change({});
  await applyKudosReactions(database.db, [readded, removed], now);
  expect(await standing()).toEqual(['U0ANA→U0BEN 1.0001 clap']);
});

test('two kudos emoji of one giver in one batch are one kudos; removing the first keeps the second', async () => {
  const clap = change({ emoji: 'clap' });
  const hands = change({ emoji: 'raised_hands' });
  await applyKudosReactions(database.db, [hands, clap], now);
  expect(await standing()).toEqual(['U0ANA→U0BEN 1.0001 clap']);
  await applyKudosReactions(database.db, [{ ...clap, active: false, eventTs: change({}).eventTs }], now);
  expect(await standing()).toEqual(['U0ANA→U0BEN 1.0001 raised_hands']);
});

test('a repeated batch changes nothing', async () => {
  const batch = [change({}), change({ reactorId: 'U0CAL' })];
  await applyKudosReactions(database.db, batch, now);
  await applyKudosReactions(database.db, batch, now);
  const [row] = await database.db.query(
    'select count(*)::int as n from kudos',
    [],
    z.object({ n: z.number() }),
  );
  expect(row?.n).toBe(2);
});

test('a kudos keeps the sides its addition knew; a removal, which knows none, keeps them', async () => {
  const clap = change({ reactorTeamId: 'T0PARTNER', authorTeamId: 'T1' });
  const given = await applyKudosReactions(database.db, [clap, change({ emoji: 'raised_hands' })], now);
  expect(given.map((k) => [k.giver_id, k.receiver_id, k.source, k.emoji])).toEqual([
    ['U0ANA', 'U0BEN', 'reaction', 'clap'],
  ]);
  await applyKudosReactions(
    database.db,
    [{ ...clap, active: false, reactorTeamId: undefined, eventTs: change({}).eventTs }],
    now,
  );
  const rows = await database.db.query(
    'select emoji, giver_team_id, receiver_team_id from kudos where retracted_at is null',
    [],
    z.object({
      emoji: z.string(),
      giver_team_id: z.string().nullable(),
      receiver_team_id: z.string().nullable(),
    }),
  );
  expect(rows).toEqual([{ emoji: 'raised_hands', giver_team_id: 'T0PARTNER', receiver_team_id: 'T1' }]);
});
