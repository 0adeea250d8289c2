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

const kudosRow = z.object({ giver_id: z.string(), receivers: z.array(z.string()), reason: z.string() });
const creditRow = z.object({
  deliverable: z.string(),
  link: z.string().nullable(),
  contributors: z.array(z.string()),
});
const actionRow = z.object({ owner_id: z.string(), body: z.string(), due_on: z.string().nullable() });
export type ListedAction = { ownerId: string; body: string; dueOn: string | null };
const actionOf = (r: z.infer<typeof actionRow>): ListedAction => ({
  ownerId: r.owner_id,
  body: r.body,
  dueOn: r.due_on,
});

const blockerRow = z.object({ user_id: z.string(), since: z.string() });

const listsRow = z.object({
  kudos: z.array(kudosRow),
  kudos_total: total,
  credits: z.array(creditRow),
  credits_total: total,
  done: z.array(actionRow),
  done_total: total,
  overdue: z.array(actionRow),
  overdue_total: total,
  blockers: z.array(blockerRow),
  blockers_total: total,
});

export type DigestLists = {
  kudos: Listed<{ giverId: string; receiverIds: string[]; reason: string }>;
  credits: Listed<{ deliverable: string; link: string | null; contributorIds: string[] }>;
  actionsDone: Listed<ListedAction>;
  overdue: Listed<ListedAction>;
  blockers: Listed<{ userId: string; since: string }>;
};

/**
 * All five lists of a digest in one statement (each as the functions above read it): a digest is
 * a handful of statements, because on the embedded engine each statement costs its planning.
 */
export async function digestLists(q: Queryable, p: Period, limit: number): Promise<DigestLists> {
  const [row] = await q.query(
    `with given as (
       select giver_id, reason, array_agg(receiver_id order by receiver_id) as receivers, max(created_at) as at
       from kudos
       where team_id = $1 and channel_id = $2 and created_at >= $3 and created_at < $4
         and retracted_at is null and reason is not null and source <> 'ditto'
       group by giver_id, reason, coalesce(command_id, message_ts, created_at::text)
     ),
     credited as (
       select c.id, c.deliverable, c.link, c.created_at,
              array_agg(cc.contributor_id order by cc.contributor_id) as contributors
       from credits c
       join credit_contributors cc on cc.team_id = c.team_id and cc.credit_id = c.id and cc.status = 'confirmed'
       where c.team_id = $1 and c.channel_id = $2 and c.created_at >= $3 and c.created_at < $4
       group by c.team_id, c.id
     ),
     channel_actions as (
       select id, owner_id, body, due_on, done_at, created_at from action_items
       where team_id = $1 and channel_id = $2 and (done_at >= $3 or done_at is null)
     ),
     done as (select * from channel_actions where done_at >= $3 and done_at < $4),
     overdue as (
       select * from channel_actions
       where created_at < $4 and due_on < ($4::timestamptz at time zone 'UTC')::date
         and (done_at is null or done_at >= $4)
     ),
     answered as (
       select c.user_id, c.local_date, c.blocker,
              row_number() over (partition by c.user_id order by c.local_date desc, c.ritual_id) as newest,
              max(c.local_date) filter (where not c.blocker) over (partition by c.user_id) as last_clear
       from checkins c
       join rituals r on r.team_id = c.team_id and r.id = c.ritual_id
       where c.team_id = $1 and r.channel_id = $2 and r.kind = 'standup' and c.status = 'answered'
         and c.local_date >= ($3::timestamptz at time zone 'UTC')::date - 56
         and c.local_date < ($4::timestamptz at time zone 'UTC')::date
     ),
     blocked as (
       select a.user_id,
              (select min(b.local_date) from answered b
               where b.user_id = a.user_id and b.blocker and b.local_date > coalesce(a.last_clear, '-infinity')) as since
       from answered a
       where a.newest = 1 and a.blocker
     )
     select
       coalesce((select json_agg(json_build_object('giver_id', giver_id, 'receivers', receivers, 'reason', reason) order by at desc)
                 from (select * from given order by at desc limit $5) g), '[]') as kudos,
       (select count(*)::int from given) as kudos_total,
       coalesce((select json_agg(json_build_object('deliverable', deliverable, 'link', link, 'contributors', contributors)
                                 order by created_at desc, id desc)
                 from (select * from credited order by created_at desc, id desc limit $5) c), '[]') as credits,
       (select count(*)::int from credited) as credits_total,
       coalesce((select json_agg(json_build_object('owner_id', owner_id, 'body', body, 'due_on', due_on::text)
                                 order by done_at desc, id desc)
                 from (select * from done order by done_at desc, id desc limit $5) d), '[]') as done,
       (select count(*)::int from done) as done_total,
       coalesce((select json_agg(json_build_object('owner_id', owner_id, 'body', body, 'due_on', due_on::text)
                                 order by due_on, id)
                 from (select * from overdue order by due_on, id limit $5) o), '[]') as overdue,
       (select count(*)::int from overdue) as overdue_total,
       coalesce((select json_agg(json_build_object('user_id', user_id, 'since', since::text) order by since, user_id)
                 from (select * from blocked order by since, user_id limit $5) b), '[]') as blockers,
       (select count(*)::int from blocked) as blockers_total`,
    params(p, limit),
    listsRow,
  );
  if (!row) throw new Error('the digest lists returned no row');
  return {
    kudos: {
      items: row.kudos.map((r) => ({ giverId: r.giver_id, receiverIds: r.receivers, reason: r.reason })),
      total: row.kudos_total,
    },
    credits: {
      items: row.credits.map((r) => ({
        deliverable: r.deliverable,
        link: r.link,
        contributorIds: r.contributors,
      })),
      total: row.credits_total,
    },
    actionsDone: { items: row.done.map(actionOf), total: row.done_total },
    overdue: { items: row.overdue.map(actionOf), total: row.overdue_total },
    blockers: {
      items: row.blockers.map((r) => ({ userId: r.user_id, since: r.since })),
      total: row.blockers_total,
    },
  };
}
