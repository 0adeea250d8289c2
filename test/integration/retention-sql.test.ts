import { afterAll, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { z } from 'zod';
import { deleteDeliveryRecords, deleteReactionStates } from '../../src/db/repos/retention.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * Which event rows the retention job deletes (src/db/repos/retention.ts), on both engines: only
 * delivery records nothing finds again, counted by record set, and reaction states by event time.
 */
let database: TestDatabase;
const OLD = '2026-01-01T00:00:00Z';
const RECENT = '2026-07-01T00:00:00Z';
const CUTOFF = new Date('2026-06-01T00:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());
beforeEach(() => database.truncate());

type Row = {
  team?: string;
  key: string;
  status?: 'pending' | 'sent' | 'failed';
  method?: 'chat.postMessage' | 'chat.update' | 'chat.postEphemeral';
  ts?: string | null;
  parent?: string;
  at?: string;
};

async function queue(row: Row) {
  const method = row.method ?? 'chat.postMessage';
  const status = row.status ?? 'sent';
  await database.db.execute(
    `insert into outbox (team_id, dedupe_key, channel_id, payload, status, next_attempt_at, message_ts,
                         created_at, sent_at, method, parent_key, private_to)
     values ($1, $2, 'C1', '{}', $3, $4, $5, $4, $6, $7, $8, $9)`,
    [
      row.team ?? 'T1',
      row.key,
      status,
      row.at ?? OLD,
      row.ts === undefined ? '1.0001' : row.ts,
      status === 'sent' ? (row.at ?? OLD) : null,
      method,
      row.parent ?? null,
      method === 'chat.postEphemeral' ? 'U1' : null,
    ],
  );
}

const keys = async () =>
  (
    await database.db.query(
      'select dedupe_key from outbox order by id',
      [],
      z.object({ dedupe_key: z.string() }),
    )
  ).map((r) => r.dedupe_key);

test('only settled delivery records that nothing finds again go, counted by record set', async () => {
  await queue({ key: 'post:1' });
  await queue({ key: 'post:1:edit:a', method: 'chat.update', parent: 'post:1' });
  await queue({ key: 'post:1:edit:b', method: 'chat.update', parent: 'post:1' });
  await queue({ key: 'note:1', method: 'chat.postEphemeral', ts: null });
  await queue({ key: 'failed:1', status: 'failed', ts: null });
  await queue({ key: 'privately:1', ts: null });
  await queue({ key: 'recent:1', method: 'chat.postEphemeral', ts: null, at: RECENT });
  await queue({ key: 'failed:2', status: 'failed', ts: null });
  await queue({ key: 'child:2', status: 'pending', ts: null, parent: 'failed:2' });
  await queue({ key: 'pending:3', status: 'pending', ts: null });
  await queue({ team: 'T2', key: 'note:2', method: 'chat.postEphemeral', ts: null });

  const gone = await deleteDeliveryRecords(database.db, CUTOFF);
  expect(Object.fromEntries(gone)).toEqual({ T1: 4, T2: 1 });
  expect(await keys()).toEqual([
    'post:1', // a posted message: Rapport still edits it and finds it by its ts
    'post:1:edit:b', // its latest edit: what it shows now
    'recent:1',
    'failed:2', // a waiting entry builds on it
    'child:2',
    'pending:3',
  ]);
  // Run again: nothing more.
  expect((await deleteDeliveryRecords(database.db, CUTOFF)).size).toBe(0);
});

test('reaction states go by the time of the event that decided them', async () => {
  const epoch = (iso: string) => (Date.parse(iso) / 1000).toFixed(6);
  for (const [team, ts, at] of [
    ['T1', '1.1', OLD],
    ['T1', '1.2', RECENT],
    ['T2', '2.1', OLD],
  ] as const) {
    await database.db.execute(
      `insert into kudos_reactions (team_id, channel_id, message_ts, reactor_id, emoji, author_id, active, event_ts)
       values ($1, 'C1', $2, 'U1', 'clap', 'U2', true, $3::numeric)`,
      [team, ts, epoch(at)],
    );
  }
  expect(Object.fromEntries(await deleteReactionStates(database.db, CUTOFF))).toEqual({ T1: 1, T2: 1 });
  const left = await database.db.query(
    'select team_id, message_ts from kudos_reactions',
    [],
    z.object({ team_id: z.string(), message_ts: z.string() }),
  );
  expect(left).toEqual([{ team_id: 'T1', message_ts: '1.2' }]);
});
