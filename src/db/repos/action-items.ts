import { setsOf } from './shared-channels.js';
import { z } from 'zod';
import type { Database, Queryable } from '../database.js';
import type { ExportFilter } from '../export-filter.js';

/** The outbox key of an item's due-date reminder: one per item, withdrawn when it is done. */
export const actionReminderKey = (itemId: number) => `action-reminder:${itemId}`;

const actionItemRow = z.object({
  id: z.coerce.number(),
  channel_id: z.string(),
  owner_id: z.string(),
  body: z.string(),
  due_on: z.string().nullable(),
  done_at: z.date().nullable(),
});
export type ActionItemRow = z.infer<typeof actionItemRow>;

const COLUMNS = `id, channel_id, owner_id, body, to_char(due_on, 'YYYY-MM-DD') as due_on, done_at`;

/** Adds an item; a replayed command or form adds nothing and returns undefined. */
export async function insertActionItem(
  q: Queryable,
  a: {
    teamId: string;
    channelId: string;
    retroId: number | null;
    ownerId: string;
    body: string;
    dueOn: string | null;
    createdBy: string;
    createKey: string;
    now: Date;
  },
): Promise<ActionItemRow | undefined> {
  const [row] = await q.query(
    `insert into action_items (team_id, channel_id, retro_id, owner_id, body, due_on, created_by, create_key, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (team_id, create_key) do nothing
     returning ${COLUMNS}`,
    [a.teamId, a.channelId, a.retroId, a.ownerId, a.body, a.dueOn, a.createdBy, a.createKey, a.now],
    actionItemRow,
  );
  return row;
}

/**
 * The channel's open items, oldest first, and how many there are in all; with `before`, only those
 * added before then (a retro lists the items open when it began, not those it adds).
 */
export async function openActionItems(
  q: Queryable,
  teamId: string,
  channelId: string,
  limit: number,
  before?: Date,
): Promise<{ items: ActionItemRow[]; total: number }> {
  const items = await q.query(
    `select ${COLUMNS} from action_items
     where team_id = $1 and channel_id = $2 and done_at is null
       and ($4::timestamptz is null or created_at < $4)
     order by created_at, id limit $3`,
    [teamId, channelId, limit, before ?? null],
    actionItemRow,
  );
  const [count] = await q.query(
    `select count(*)::int as n from action_items
     where team_id = $1 and channel_id = $2 and done_at is null
       and ($3::timestamptz is null or created_at < $3)`,
    [teamId, channelId, before ?? null],
    z.object({ n: z.number() }),
  );
  return { items, total: count?.n ?? 0 };
}

/** The items added during a retro, for its summary. */
export function actionItemsOfRetro(q: Queryable, teamId: string, retroId: number) {
  return q.query(
    `select ${COLUMNS} from action_items where team_id = $1 and retro_id = $2 order by created_at, id`,
    [teamId, retroId],
    actionItemRow,
  );
}

export async function findActionItem(q: Queryable, teamId: string, itemId: number) {
  const [row] = await q.query(
    `select ${COLUMNS} from action_items where team_id = $1 and id = $2`,
    [teamId, itemId],
    actionItemRow,
  );
  return row;
}

/** Marks an open item done; false when it was already done (or is not there). */
export async function markActionItemDone(
  q: Queryable,
  d: { teamId: string; itemId: number; doneBy: string; now: Date },
): Promise<boolean> {
  return (
    (await q.execute(
      `update action_items set done_at = $3, done_by = $4
       where team_id = $1 and id = $2 and done_at is null`,
      [d.teamId, d.itemId, d.now, d.doneBy],
    )) > 0
  );
}

/** One person's open items, the soonest due first (items without a date last), and how many in all. */
export async function openActionItemsOwnedBy(
  q: Queryable,
  teamId: string | readonly string[],
  ownerId: string,
  limit: number,
): Promise<{ items: ActionItemRow[]; total: number }> {
  const items = await q.query(
    `select ${COLUMNS} from action_items
     where team_id = any($1::text[]) and owner_id = $2 and done_at is null
     order by due_on nulls last, created_at, id limit $3`,
    [setsOf(teamId), ownerId, limit],
    actionItemRow,
  );
  const [count] = await q.query(
    `select count(*)::int as n from action_items where team_id = any($1::text[]) and owner_id = $2 and done_at is null`,
    [setsOf(teamId), ownerId],
    z.object({ n: z.number() }),
  );
  return { items, total: count?.n ?? 0 };
}

/** Every action item; `since` keeps those created from then. */
export function streamActionItemsForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select team_id, id as action_item_id, channel_id, retro_id, owner_id, body,
            to_char(due_on, 'YYYY-MM-DD') as due_on, created_by, created_at, done_at, done_by
     from action_items
     where ($1::text[] is null or team_id = any($1))
       and ($2::timestamptz is null or created_at >= $2)
     order by team_id, created_at, id`,
    [filter.teamIds ?? null, filter.since ?? null],
    z.object({
      team_id: z.string(),
      action_item_id: z.coerce.number(),
      channel_id: z.string(),
      retro_id: z.coerce.number().nullable(),
      owner_id: z.string(),
      body: z.string(),
      due_on: z.string().nullable(),
      created_by: z.string(),
      created_at: z.date(),
      done_at: z.date().nullable(),
      done_by: z.string().nullable(),
    }),
  );
}
