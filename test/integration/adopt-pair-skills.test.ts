import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { z } from 'zod';
import { savePairSkills } from '../../src/db/repos/pair-skills.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * A channel that becomes shared brings its people's skills for skill-share pairs into the
 * channel's record set (adopt_shared_channel, migrations/1767000000000_skill-pairs.sql); where the
 * channel's set has a person's skills already, those are kept; another channel's stay.
 */
const TEAM = 'T0RAPPORT1';
const CHANNEL = 'C0LATER001';
const OTHER = 'C0OTHER001';
const NOW = new Date('2026-12-01T10:00:00Z');

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const save = (teamId: string, channelId: string, userId: string, offers: string[]) =>
  savePairSkills(t.db, {
    teamId,
    channelId,
    userId,
    offers,
    wants: [],
    title: undefined,
    submissionId: `${teamId}-${channelId}-${userId}`,
    joined: false,
    now: NOW,
  });

test("a channel that becomes shared brings its people's skills", async () => {
  await save(TEAM, CHANNEL, 'U0ANA00001', ['sql']);
  await save(TEAM, CHANNEL, 'U0BEN00002', ['figma']);
  await save(TEAM, OTHER, 'U0ANA00001', ['rust']);
  // Ben saved his in the channel's own set already: that one is kept.
  await save(CHANNEL, CHANNEL, 'U0BEN00002', ['writing']);

  await t.db.execute('select adopt_shared_channel($1, $2)', [TEAM, CHANNEL]);

  const rows = await t.db.query(
    'select team_id, channel_id, user_id, offers from pair_skills order by team_id, channel_id, user_id',
    [],
    z.object({
      team_id: z.string(),
      channel_id: z.string(),
      user_id: z.string(),
      offers: z.array(z.string()),
    }),
  );
  expect(rows).toEqual([
    { team_id: CHANNEL, channel_id: CHANNEL, user_id: 'U0ANA00001', offers: ['sql'] },
    { team_id: CHANNEL, channel_id: CHANNEL, user_id: 'U0BEN00002', offers: ['writing'] },
    { team_id: TEAM, channel_id: CHANNEL, user_id: 'U0BEN00002', offers: ['figma'] },
    { team_id: TEAM, channel_id: OTHER, user_id: 'U0ANA00001', offers: ['rust'] },
  ]);
});
