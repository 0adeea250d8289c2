import { z } from 'zod';
import type { Queryable } from '../database.js';
import type { Period } from './health.js';

/**
 * What a digest celebrates and what it asks attention for, beside the scorecard: a few recent
 * items of one channel and one period, and how many there were in all. Like the scorecard's
 * counts, every statement reads one channel of one workspace, so a digest never shows another
 * channel's data.
 */
export type Listed<T> = { items: T[]; total: number };

const params = (p: Period, limit: number) => [p.teamId, p.channelId, p.start, p.end, limit];
const total = z.number();

const kudosRow = z.object({
  giver_id: z.string(),
  receivers: z.array(z.string()),
  reason: z.string(),
  total,
});

/** The latest kudos given with a reason, once per giving (however many people it thanked). */
export async function recentKudosReasons(
  q: Queryable,
  p: Period,
  limit: number,
): Promise<Listed<{ giverId: string; receiverIds: string[]; reason: string }>> {
  const rows = await q.query(
    `with given as (
       select giver_id, reason, array_agg(receiver_id order by receiver_id) as receivers, max(created_at) as at
       from kudos
       where team_id = $1 and channel_id = $2 and created_at >= $3 and created_at < $4
         and retracted_at is null and reason is not null and source <> 'ditto'
       group by giver_id, reason, coalesce(command_id, message_ts, created_at::text)
     )
     select giver_id, receivers, reason, (count(*) over ())::int as total
     from given order by at desc limit $5`,
    params(p, limit),
    kudosRow,
  );
  return {
    items: rows.map((r) => ({ giverId: r.giver_id, receiverIds: r.receivers, reason: r.reason })),
    total: rows[0]?.total ?? 0,
  };
}

const creditRow = z.object({
  deliverable: z.string(),
  link: z.string().nullable(),
  contributors: z.array(z.string()),
  total,
});

/** The deliverables credited in the period that someone named has confirmed, newest first. */
export async function confirmedDeliverables(
  q: Queryable,
  p: Period,
  limit: number,
): Promise<Listed<{ deliverable: string; link: string | null; contributorIds: string[] }>> {
  const rows = await q.query(
    `select c.deliverable, c.link, array_agg(cc.contributor_id order by cc.contributor_id) as contributors,
            (count(*) over ())::int as total
     from credits c
     join credit_contributors cc on cc.team_id = c.team_id and cc.credit_id = c.id and cc.status = 'confirmed'
     where c.team_id = $1 and c.channel_id = $2 and c.created_at >= $3 and c.created_at < $4
     group by c.id, c.deliverable, c.link, c.created_at
     order by c.created_at desc, c.id desc
     limit $5`,
    params(p, limit),
    creditRow,
  );
  return {
    items: rows.map((r) => ({ deliverable: r.deliverable, link: r.link, contributorIds: r.contributors })),
    total: rows[0]?.total ?? 0,
  };
}

const actionRow = z.object({ owner_id: z.string(), body: z.string(), due_on: z.string().nullable(), total });
export type ListedAction = { ownerId: string; body: string; dueOn: string | null };
const actionOf = (r: z.infer<typeof actionRow>): ListedAction => ({
  ownerId: r.owner_id,
  body: r.body,
  dueOn: r.due_on,
});

/** Action items marked done in the period, latest first. */
export async function completedActions(
  q: Queryable,
  p: Period,
  limit: number,
): Promise<Listed<ListedAction>> {
  const rows = await q.query(
    `select owner_id, body, due_on::text, (count(*) over ())::int as total
     from action_items
     where team_id = $1 and channel_id = $2 and done_at >= $3 and done_at < $4
     order by done_at desc, id desc
     limit $5`,
    params(p, limit),
    actionRow,
  );
  return { items: rows.map(actionOf), total: rows[0]?.total ?? 0 };
}

/** Action items still open at the period's end whose due date had passed, the longest overdue first. */
export async function overdueActions(q: Queryable, p: Period, limit: number): Promise<Listed<ListedAction>> {
  const rows = await q.query(
    `select owner_id, body, due_on::text, (count(*) over ())::int as total
     from action_items
     where team_id = $1 and channel_id = $2 and created_at < $3
       and due_on < ($3::timestamptz at time zone 'UTC')::date
       and (done_at is null or done_at >= $3)
     order by due_on, id
     limit $4`,
    [p.teamId, p.channelId, p.end, limit],
    actionRow,
  );
  return { items: rows.map(actionOf), total: rows[0]?.total ?? 0 };
}

const blockerRow = z.object({ user_id: z.string(), since: z.string(), total });

/**
 * People whose latest stand-up answer before the period's end still raised a blocker, and the day
 * that run of blocked answers began (the blocker's episode, as docs/METRICS.md defines it).
 */
export async function openBlockers(
  q: Queryable,
  p: Period,
  limit: number,
): Promise<Listed<{ userId: string; since: string }>> {
  const rows = await q.query(
    `with answered as (
       select c.user_id, c.local_date, c.blocker,
              row_number() over (partition by c.user_id order by c.local_date desc, c.ritual_id) as newest
       from checkins c
       join rituals r on r.team_id = c.team_id and r.id = c.ritual_id
       where c.team_id = $1 and r.channel_id = $2 and r.kind = 'standup' and c.status = 'answered'
         and c.local_date >= ($3::timestamptz at time zone 'UTC')::date - 56
         and c.local_date < ($4::timestamptz at time zone 'UTC')::date
     ),
     blocked as (
       select a.user_id,
              (select min(b.local_date) from answered b
               where b.user_id = a.user_id and b.blocker
                 and b.local_date > coalesce((select max(n.local_date) from answered n
                                              where n.user_id = a.user_id and not n.blocker), '-infinity')) as since
       from answered a
       where a.newest = 1 and a.blocker
     )
     select user_id, since::text, (count(*) over ())::int as total
     from blocked order by since, user_id limit $5`,
    params(p, limit),
    blockerRow,
  );
  return {
    items: rows.map((r) => ({ userId: r.user_id, since: r.since })),
    total: rows[0]?.total ?? 0,
  };
}
