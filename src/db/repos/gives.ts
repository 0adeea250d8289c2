import { z } from 'zod';
import type { Database, Queryable } from '../database.js';
import type { ExportFilter } from '../export-filter.js';

/**
 * The give ledger (migrations/1766000000000_gives.sql): what one person gave others in a channel,
 * its typed value, and each receiver's answer. Every statement reads one record set.
 */
const numeric = z.coerce.number().nullable();
/** A value in its typed units, as gives and receivers' adjustments keep it. */
const valueColumns = {
  value_text: z.string().nullable(),
  time_amount: numeric,
  time_unit: z.enum(['hours', 'days', 'weeks']).nullable(),
  money_amount: numeric,
  money_currency: z.string().nullable(),
  money_direction: z.enum(['saved', 'earned']).nullable(),
  risk_reduced: z.enum(['low', 'medium', 'high']).nullable(),
};
export type ValueColumns = z.infer<z.ZodObject<typeof valueColumns>>;
/** The value's column names, in order: a give's, and (prefixed `adjusted_`) a receiver's own in the export. */
export const VALUE_COLUMNS = Object.keys(valueColumns);
const VALUE = (alias: string) =>
  [
    'value_text',
    'time_amount',
    'time_unit',
    'money_amount',
    'money_currency',
    'money_direction',
    'risk_reduced',
  ]
    .map((c) => `${alias}.${c}`)
    .join(', ');

const giveRow = z.object({
  id: z.coerce.number(),
  team_id: z.string(),
  channel_id: z.string(),
  giver_id: z.string(),
  giver_team_id: z.string().nullable(),
  what: z.string(),
  kind: z.enum(['introduction', 'resource', 'insight', 'access', 'help']),
  ...valueColumns,
  created_at: z.date(),
});
export type GiveRow = z.infer<typeof giveRow>;

const STATUS = z.enum(['asked', 'confirmed', 'not_helpful']);
export type GiveStatus = z.infer<typeof STATUS>;

const receiverRow = z.object({
  id: z.coerce.number(),
  team_id: z.string(),
  give_id: z.coerce.number(),
  receiver_id: z.string(),
  receiver_team_id: z.string().nullable(),
  status: STATUS,
  /** They put the value in their own words: the value columns are theirs. */
  adjusted: z.boolean(),
  ...valueColumns,
});
export type ReceiverRow = z.infer<typeof receiverRow>;

const GIVE = `g.id, g.team_id, g.channel_id, g.giver_id, g.giver_team_id, g.what, g.kind, ${VALUE('g')}, g.created_at`;
const RECEIVER = `r.id, r.team_id, r.give_id, r.receiver_id, r.receiver_team_id, r.status, r.adjusted, ${VALUE('r')}`;

export type NewGive = {
  teamId: string;
  channelId: string;
  giverId: string;
  giverTeamId: string | null;
  what: string;
  kind: GiveRow['kind'];
  value: {
    text: string | null;
    time: { amount: number; unit: 'hours' | 'days' | 'weeks' } | null;
    money: { amount: number; currency: string; direction: 'saved' | 'earned' } | null;
    risk: 'low' | 'medium' | 'high' | null;
  };
  submissionKey: string;
  now: Date;
};

/** Keeps a give; undefined when this submission already kept one (Slack delivered it twice). */
export async function insertGive(q: Queryable, g: NewGive): Promise<GiveRow | undefined> {
  const [row] = await q.query(
    `insert into gives as g (team_id, channel_id, giver_id, giver_team_id, what, kind, value_text,
                             time_amount, time_unit, money_amount, money_currency, money_direction,
                             risk_reduced, submission_key, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     on conflict (team_id, submission_key) do nothing
     returning ${GIVE}`,
    [
      g.teamId,
      g.channelId,
      g.giverId,
      g.giverTeamId,
      g.what,
      g.kind,
      g.value.text,
      g.value.time?.amount ?? null,
      g.value.time?.unit ?? null,
      g.value.money?.amount ?? null,
      g.value.money?.currency ?? null,
      g.value.money?.direction ?? null,
      g.value.risk,
      g.submissionKey,
      g.now,
    ],
    giveRow,
  );
  return row;
}

export async function giveOfSubmission(
  q: Queryable,
  teamId: string,
  key: string,
): Promise<GiveRow | undefined> {
  const [row] = await q.query(
    `select ${GIVE} from gives g where g.team_id = $1 and g.submission_key = $2`,
    [teamId, key],
    giveRow,
  );
  return row;
}

/** Names each receiver of a new give, in the order given. */
export function insertReceivers(
  q: Queryable,
  r: { teamId: string; giveId: number; receivers: readonly { userId: string; teamId: string | null }[] },
): Promise<ReceiverRow[]> {
  return q.query(
    `insert into give_receivers as r (team_id, give_id, receiver_id, receiver_team_id)
     select $1, $2, n.receiver_id, n.receiver_team_id
     from unnest($3::text[], $4::text[]) with ordinality as n(receiver_id, receiver_team_id, position)
     order by n.position
     returning ${RECEIVER}`,
    [r.teamId, r.giveId, r.receivers.map((p) => p.userId), r.receivers.map((p) => p.teamId)],
    receiverRow,
  );
}

export function receiversOf(q: Queryable, teamId: string, giveId: number): Promise<ReceiverRow[]> {
  return q.query(
    `select ${RECEIVER} from give_receivers r where r.team_id = $1 and r.give_id = $2 order by r.id`,
    [teamId, giveId],
    receiverRow,
  );
}

/** One receiver's row and its give. */
export async function receiverWithGive(
  q: Queryable,
  teamId: string,
  rowId: number,
): Promise<{ give: GiveRow; receiver: ReceiverRow } | undefined> {
  const [row] = await q.query(
    `select ${GIVE}, row_to_json(r) as receiver
     from give_receivers r
     join gives g on g.team_id = r.team_id and g.id = r.give_id
     where r.team_id = $1 and r.id = $2`,
    [teamId, rowId],
    giveRow.extend({ receiver: receiverRow }),
  );
  if (!row) return undefined;
  const { receiver, ...give } = row;
  return { give, receiver };
}

/** A receiver's answer, only theirs and only while asked; undefined when nothing changed. */
export async function answerGive(
  q: Queryable,
  a: { teamId: string; rowId: number; receiverId: string; status: 'confirmed' | 'not_helpful'; now: Date },
): Promise<ReceiverRow | undefined> {
  const [row] = await q.query(
    `update give_receivers r set status = $4, answered_at = $5
     where r.team_id = $1 and r.id = $2 and r.receiver_id = $3 and r.status = 'asked'
     returning ${RECEIVER}`,
    [a.teamId, a.rowId, a.receiverId, a.status, a.now],
    receiverRow,
  );
  return row;
}

/**
 * A receiver's own value for a give, which confirms it; undefined when nothing changed (said it
 * didn't help, the same value confirmed already, or not theirs).
 */
export async function adjustGive(
  q: Queryable,
  a: { teamId: string; rowId: number; receiverId: string; value: NewGive['value']; now: Date },
): Promise<ReceiverRow | undefined> {
  const v = a.value;
  const [row] = await q.query(
    `update give_receivers r
     set status = 'confirmed', adjusted = true, answered_at = $4, value_text = $5, time_amount = $6,
         time_unit = $7, money_amount = $8, money_currency = $9, money_direction = $10, risk_reduced = $11
     where r.team_id = $1 and r.id = $2 and r.receiver_id = $3 and r.status <> 'not_helpful'
       and (r.status = 'asked' or not r.adjusted or r.value_text is distinct from $5)
     returning ${RECEIVER}`,
    [
      a.teamId,
      a.rowId,
      a.receiverId,
      a.now,
      v.text,
      v.time?.amount ?? null,
      v.time?.unit ?? null,
      v.money?.amount ?? null,
      v.money?.currency ?? null,
      v.money?.direction ?? null,
      v.risk,
    ],
    receiverRow,
  );
  return row;
}

/** The value columns of `alias` as json_build_object's arguments. */
const VALUE_JSON = (alias: string) => VALUE_COLUMNS.map((c) => `'${c}', ${alias}.${c}`).join(', ');

const sidedGive = giveRow.extend({
  receivers: z.array(z.object({ receiver_id: z.string(), status: STATUS, adjusted: z.boolean() })),
  from_side: z.string(),
  to_sides: z.array(z.string()),
  /** The value that counts: the latest confirmation's (a receiver's own, or the give's as given); null when none. */
  counted: z.object(valueColumns).nullable(),
});
export type SidedGive = z.infer<typeof sidedGive>;

/**
 * A channel's gives since `since`, newest first, each with its receivers and the sides of giver
 * and receivers. A person's side in the channel is the side declared for them when the channel
 * declared sides (alliance_sides), else their own workspace, as the health scorecard counts them.
 * With `userId`, only the gives that person gave or received; with `until`, only those before it.
 */
export function givesOfChannel(
  q: Queryable,
  c: { teamId: string; channelId: string; since: Date; until?: Date; userId?: string },
): Promise<SidedGive[]> {
  return q.query(
    `with declared as (
       select user_id, side from alliance_sides where team_id = $1 and channel_id = $2
     ), declaring as (select exists (select 1 from declared) as yes)
     select ${GIVE},
            (select json_agg(json_build_object('receiver_id', r.receiver_id, 'status', r.status, 'adjusted', r.adjusted)
                             order by r.id)
             from give_receivers r where r.team_id = g.team_id and r.give_id = g.id) as receivers,
            (select case when r.adjusted then json_build_object(${VALUE_JSON('r')})
                         else json_build_object(${VALUE_JSON('g')}) end
             from give_receivers r
             where r.team_id = g.team_id and r.give_id = g.id and r.status = 'confirmed'
             order by r.answered_at desc, r.id desc limit 1) as counted,
            coalesce(case when d.yes then (select side from declared where user_id = g.giver_id) end,
                     g.giver_team_id, g.team_id) as from_side,
            (select array_agg(distinct coalesce(case when d.yes then (select side from declared where user_id = r.receiver_id) end,
                                                r.receiver_team_id, r.team_id))
             from give_receivers r where r.team_id = g.team_id and r.give_id = g.id) as to_sides
     from gives g cross join declaring d
     where g.team_id = $1 and g.channel_id = $2 and g.created_at >= $3
       and ($5::timestamptz is null or g.created_at < $5)
       and ($4::text is null or g.giver_id = $4 or exists (
             select 1 from give_receivers r where r.team_id = g.team_id and r.give_id = g.id and r.receiver_id = $4))
     order by g.created_at desc, g.id desc`,
    [c.teamId, c.channelId, c.since, c.userId ?? null, c.until ?? null],
    sidedGive,
  );
}

const exportLine = giveRow.extend({
  receiver_id: z.string(),
  status: STATUS,
  adjusted: z.boolean(),
  ...Object.fromEntries(Object.entries(valueColumns).map(([c, schema]) => [`adjusted_${c}`, schema])),
});

/** One line per receiver of each give, oldest first, with their own value when they adjusted it. */
export function streamGivesForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select ${GIVE}, r.receiver_id, r.status, r.adjusted,
            ${VALUE_COLUMNS.map((c) => `r.${c} as adjusted_${c}`).join(', ')}
     from gives g
     join give_receivers r on r.team_id = g.team_id and r.give_id = g.id
     where ($1::text[] is null or g.team_id = any($1))
       and ($2::timestamptz is null or g.created_at >= $2)
     order by g.team_id, g.created_at, g.id, r.id`,
    [filter.teamIds ?? null, filter.since ?? null],
    exportLine,
  );
}
