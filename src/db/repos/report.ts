import { z } from 'zod';
import type { Queryable } from '../database.js';
import { sharedWith } from './shared-channels.js';

/**
 * What the impact report reads beyond the scorecard's counts, for one channel and one period
 * [start, end): every statement filters by the channel's record set and the channel.
 */
type Span = { teamId: string; channelId: string; start: Date; end: Date };
const span = (s: Span) => [s.teamId, s.channelId, s.start, s.end];

const creditRow = z.object({
  deliverable: z.string(),
  link: z.string().nullable(),
  given_by: z.string(),
  created_at: z.date(),
  contributors: z.array(z.object({ contributor_id: z.string(), contribution: z.string().nullable() })),
});

/** Credits given in the period that someone confirmed, each with everyone who confirmed their part. */
export function confirmedCreditsBetween(q: Queryable, s: Span) {
  return q.query(
    `select k.deliverable, k.link, k.given_by, k.created_at,
            (select json_agg(json_build_object('contributor_id', c.contributor_id, 'contribution', c.contribution)
                             order by c.id)
             from credit_contributors c
             where c.team_id = k.team_id and c.credit_id = k.id and c.status = 'confirmed') as contributors
     from credits k
     where k.team_id = $1 and k.channel_id = $2 and k.created_at >= $3 and k.created_at < $4
       and exists (select 1 from credit_contributors c
                   where c.team_id = k.team_id and c.credit_id = k.id and c.status = 'confirmed')
     order by k.created_at, k.id`,
    span(s),
    creditRow,
  );
}

/** Decisions logged in the period, oldest first. */
export function decisionsBetween(q: Queryable, s: Span) {
  return q.query(
    `select decision, owner_id, created_at from decisions
     where team_id = $1 and channel_id = $2 and created_at >= $3 and created_at < $4
     order by created_at, id`,
    span(s),
    z.object({ decision: z.string(), owner_id: z.string(), created_at: z.date() }),
  );
}

/** The lessons of the debriefs written in the period. */
export function debriefLessonsBetween(q: Queryable, s: Span) {
  return q.query(
    `select project, lessons from debriefs
     where team_id = $1 and channel_id = $2 and created_at >= $3 and created_at < $4
     order by created_at, id`,
    span(s),
    z.object({ project: z.string(), lessons: z.string() }),
  );
}

/** What the period's reviews heard helped most, and what to change: the words only, no names. */
export function reviewRemarksBetween(q: Queryable, s: Span) {
  return q.query(
    `select a.helped, a.change from review_answers a
     join reviews r on r.team_id = a.team_id and r.ritual_id = a.ritual_id and r.review_date = a.review_date
     where a.team_id = $1 and r.channel_id = $2 and r.review_date >= $3::date and r.review_date < $4::date
     order by r.review_date, a.submitted_at`,
    span(s),
    z.object({ helped: z.string().nullable(), change: z.string().nullable() }),
  );
}

/**
 * People's names as Slack last gave them, as kept for the record set's workspaces (a shared
 * channel's: each workspace it is shared with); the id for anyone unknown.
 */
export async function peopleNames(
  q: Queryable,
  teamId: string,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await q.query(
    `select distinct on (user_id) user_id, display_name from slack_users
     where user_id = any($2::text[])
       and (team_id = $1 or team_id in (${sharedWith('$1')}))
     order by user_id, fetched_at desc`,
    [teamId, userIds],
    z.object({ user_id: z.string(), display_name: z.string() }),
  );
  return new Map(rows.map((r) => [r.user_id, r.display_name]));
}

/**
 * The record sets holding a channel's records: the channel's own when it is shared between
 * organisations, else the workspaces whose rituals, kudos, credits or weeks name it.
 */
export async function recordSetsOfChannel(q: Queryable, channelId: string): Promise<string[]> {
  const rows = await q.query(
    `select channel_id as team_id from shared_channels where channel_id = $1 and is_shared
     union select team_id from rituals where channel_id = $1
     union select team_id from kudos where channel_id = $1
     union select team_id from credits where channel_id = $1
     union select team_id from health_periods where channel_id = $1
     order by team_id`,
    [channelId],
    z.object({ team_id: z.string() }),
  );
  return rows.map((r) => r.team_id);
}
