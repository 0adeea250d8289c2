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
/** An action item as a list shows it. */
export const actionOf = (r: z.infer<typeof actionRow>): ListedAction => ({
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
 * All five lists of a digest in one statement: the database function `health_digest_lists`
 * (migrations/1765400000000_health-digest-lists-function.sql, last redefined in
 * migrations/1766500000000) says what each list holds, and keeps its plan, which on the embedded
 * engine took longer to make than the statement takes to run.
 */
export async function digestLists(q: Queryable, p: Period, limit: number): Promise<DigestLists> {
  const [row] = await q.query(
    'select * from health_digest_lists($1, $2, $3, $4, $5)',
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
