import { z } from 'zod';
import type { Queryable } from '../database.js';

export const DEFAULT_KUDOS_EMOJI = ['clap', 'raised_hands'] as const;

export async function getKudosEmoji(q: Queryable, teamId: string): Promise<string[]> {
  const [row] = await q.query(
    'select kudos_emoji from workspaces where team_id = $1',
    [teamId],
    z.object({ kudos_emoji: z.array(z.string()) }),
  );
  return row?.kudos_emoji ?? [...DEFAULT_KUDOS_EMOJI];
}

export async function setKudosEmoji(q: Queryable, teamId: string, emoji: readonly string[], now: Date) {
  await q.execute(
    `insert into workspaces (team_id, kudos_emoji, created_at, updated_at) values ($1, $2, $3, $3)
     on conflict (team_id) do update set kudos_emoji = excluded.kudos_emoji, updated_at = excluded.updated_at`,
    [teamId, emoji, now],
  );
}

/** The workspace's daily kudos budget per person, or null when there is none. */
export async function getKudosBudget(q: Queryable, teamId: string): Promise<number | null> {
  const [row] = await q.query(
    'select kudos_daily_budget from workspaces where team_id = $1',
    [teamId],
    z.object({ kudos_daily_budget: z.number().nullable() }),
  );
  return row?.kudos_daily_budget ?? null;
}

export async function setKudosBudget(q: Queryable, teamId: string, budget: number | null, now: Date) {
  await q.execute(
    `insert into workspaces (team_id, kudos_daily_budget, created_at, updated_at) values ($1, $2, $3, $3)
     on conflict (team_id) do update
       set kudos_daily_budget = excluded.kudos_daily_budget, updated_at = excluded.updated_at`,
    [teamId, budget, now],
  );
}
