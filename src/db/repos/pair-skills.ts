import { z } from 'zod';
import type { Database, Queryable } from '../database.js';
import type { ExportFilter } from '../export-filter.js';

/** Block Kit's most options in one select. */
export const MOST_TAGS = 100;

const skillsRow = z.object({
  offers: z.array(z.string()),
  wants: z.array(z.string()),
  title: z.string().nullable(),
  submission_id: z.string(),
  submission_joined: z.boolean(),
});
export type PairSkillsRow = z.infer<typeof skillsRow>;

/** A person's skills in a channel, or undefined before they first saved them. */
export async function pairSkills(
  q: Queryable,
  teamId: string,
  channelId: string,
  userId: string,
  lock = false,
): Promise<PairSkillsRow | undefined> {
  const [row] = await q.query(
    `select offers, wants, title, submission_id, submission_joined from pair_skills
     where team_id = $1 and channel_id = $2 and user_id = $3${lock ? ' for update' : ''}`,
    [teamId, channelId, userId],
    skillsRow,
  );
  return row;
}

/**
 * The channel's tag list: every tag its people offer or want, the most used first (then by name),
 * up to `limit`.
 */
export async function channelSkillTags(
  q: Queryable,
  teamId: string,
  channelId: string,
  limit = MOST_TAGS,
): Promise<string[]> {
  const rows = await q.query(
    `select tag from pair_skills s, unnest(s.offers || s.wants) as tag
     where s.team_id = $1 and s.channel_id = $2
     group by tag order by count(*) desc, tag limit $3`,
    [teamId, channelId, limit],
    z.object({ tag: z.string() }),
  );
  return rows.map((r) => r.tag);
}

/** Saves what a person offers and wants (and their title when one was read), under the form's one-time id. */
export async function savePairSkills(
  q: Queryable,
  s: {
    teamId: string;
    channelId: string;
    userId: string;
    offers: readonly string[];
    wants: readonly string[];
    title: string | undefined;
    submissionId: string;
    joined: boolean;
    now: Date;
  },
): Promise<void> {
  await q.execute(
    `insert into pair_skills (team_id, channel_id, user_id, offers, wants, title, submission_id, submission_joined,
                              updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (team_id, channel_id, user_id) do update
       set offers = excluded.offers, wants = excluded.wants, title = coalesce(excluded.title, pair_skills.title),
           submission_id = excluded.submission_id, submission_joined = excluded.submission_joined,
           updated_at = excluded.updated_at`,
    [
      s.teamId,
      s.channelId,
      s.userId,
      [...s.offers],
      [...s.wants],
      s.title ?? null,
      s.submissionId,
      s.joined,
      s.now,
    ],
  );
}

/**
 * Who a skill-share round may pair: those who joined the channel's pairs and are not paused on its
 * date, with skills saved; each with their side (as membersToPair, src/db/repos/pairs.ts), zone,
 * title and skills.
 */
export function skillMembersToPair(q: Queryable, teamId: string, channelId: string, day: string) {
  return q.query(
    `with declared as (select user_id, side from alliance_sides where team_id = $1 and channel_id = $2)
     select m.user_id as id, m.zone, s.title, s.offers, s.wants,
            coalesce(case when exists (select 1 from declared)
                          then (select side from declared d where d.user_id = m.user_id)
                          else coalesce(m.user_team_id, m.team_id) end, '') as side
     from pair_members m
     join pair_skills s on s.team_id = m.team_id and s.channel_id = m.channel_id and s.user_id = m.user_id
     where m.team_id = $1 and m.channel_id = $2 and m.joined
       and (m.paused_until is null or m.paused_until <= $3::date)
       and (cardinality(s.offers) > 0 or cardinality(s.wants) > 0)
     order by m.user_id`,
    [teamId, channelId, day],
    z.object({
      id: z.string(),
      side: z.string(),
      zone: z.string().nullable(),
      title: z.string().nullable(),
      offers: z.array(z.string()),
      wants: z.array(z.string()),
    }),
  );
}

const exportLine = z.object({
  team_id: z.string(),
  channel_id: z.string(),
  user_id: z.string(),
  offers: z.array(z.string()),
  wants: z.array(z.string()),
  updated_at: z.string(),
});

/** Each person's skills per channel: what they offer and want to learn. `since` keeps those saved from then. */
export function streamPairSkillsForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select team_id, channel_id, user_id, offers, wants,
            to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as updated_at
     from pair_skills
     where ($1::text[] is null or team_id = any($1))
       and ($2::timestamptz is null or updated_at >= $2)
     order by team_id, channel_id, user_id`,
    [filter.teamIds ?? null, filter.since ?? null],
    exportLine,
  );
}
