import { z } from 'zod';
import {
  type CharterText,
  type EscalationLevel,
  REVIEW_CADENCES,
  DEFAULT_REVIEW_CADENCE,
} from '../../charter/charter-text.js';
import type { Database, Queryable } from '../database.js';
import type { ExportFilter } from '../export-filter.js';

const versionRow = z.object({
  team_id: z.string(),
  channel_id: z.string(),
  version: z.number(),
  goal: z.string(),
  metrics: z.string().nullable(),
  roles: z.string().nullable(),
  decision_making: z.string().nullable(),
  escalation: z.string().nullable(),
  cadence: z.string().nullable(),
  saved_by: z.string(),
  saved_at: z.date(),
  decision_rights: z.array(z.string()),
  escalation_levels: z.array(
    z.object({
      level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      sideA: z.array(z.string()),
      sideB: z.array(z.string()),
      targetMinutes: z.number(),
    }),
  ),
  review_cadence: z.enum(REVIEW_CADENCES),
});
export type CharterVersionRow = z.infer<typeof versionRow>;

const VERSION_COLUMNS = `team_id, channel_id, version, goal, metrics, roles, decision_making, escalation,
  cadence, saved_by, saved_at, decision_rights, escalation_levels, review_cadence`;

type Channel = { teamId: string; channelId: string };

/** The text of a stored version, as the domain names its parts. */
export const charterTextOf = (row: CharterVersionRow): CharterText => ({
  goal: row.goal,
  metrics: row.metrics,
  roles: row.roles,
  decisionMaking: row.decision_making,
  escalation: row.escalation,
  cadence: row.cadence,
  decisionRights: row.decision_rights,
  levels: row.escalation_levels,
  reviewCadence: row.review_cadence,
});

/**
 * Creates the channel's charter if it has none, and locks it until the transaction ends, so two
 * saves at once take turns deciding which version number comes next.
 */
export async function lockCharter(q: Queryable, c: Channel, now: Date): Promise<void> {
  await q.execute(
    `insert into charters (team_id, channel_id, created_at) values ($1, $2, $3)
     on conflict (team_id, channel_id) do nothing`,
    [c.teamId, c.channelId, now],
  );
  await q.execute(`select 1 from charters where team_id = $1 and channel_id = $2 for update`, [
    c.teamId,
    c.channelId,
  ]);
}

/** The version a submission saved, if Slack delivered it before. */
export async function versionOfSubmission(
  q: Queryable,
  teamId: string,
  submissionId: string,
): Promise<CharterVersionRow | undefined> {
  const [row] = await q.query(
    `select ${VERSION_COLUMNS} from charter_versions where team_id = $1 and submission_id = $2`,
    [teamId, submissionId],
    versionRow,
  );
  return row;
}

/** The newest versions first, at most `limit` of them. */
export function charterVersions(q: Queryable, c: Channel, limit: number): Promise<CharterVersionRow[]> {
  return q.query(
    `select ${VERSION_COLUMNS} from charter_versions
     where team_id = $1 and channel_id = $2
     order by version desc
     limit $3`,
    [c.teamId, c.channelId, limit],
    versionRow,
  );
}

export async function latestCharterVersion(q: Queryable, c: Channel): Promise<CharterVersionRow | undefined> {
  const [row] = await charterVersions(q, c, 1);
  return row;
}

export async function insertCharterVersion(
  q: Queryable,
  v: Channel & { version: number; text: CharterText; savedBy: string; submissionId: string; now: Date },
): Promise<CharterVersionRow> {
  const [row] = await q.query(
    `insert into charter_versions (team_id, channel_id, version, goal, metrics, roles, decision_making,
       escalation, cadence, saved_by, saved_at, submission_id, decision_rights, escalation_levels,
       review_cadence)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15)
     returning ${VERSION_COLUMNS}`,
    [
      v.teamId,
      v.channelId,
      v.version,
      v.text.goal,
      v.text.metrics,
      v.text.roles,
      v.text.decisionMaking,
      v.text.escalation,
      v.text.cadence,
      v.savedBy,
      v.now,
      v.submissionId,
      v.text.decisionRights ?? [],
      JSON.stringify((v.text.levels ?? []) satisfies EscalationLevel[]),
      v.text.reviewCadence ?? DEFAULT_REVIEW_CADENCE,
    ],
    versionRow,
  );
  if (!row) throw new Error('insert into charter_versions returned nothing');
  return row;
}

export async function countCharterVersions(q: Queryable, c: Channel): Promise<number> {
  const [row] = await q.query(
    `select count(*)::int as n from charter_versions where team_id = $1 and channel_id = $2`,
    [c.teamId, c.channelId],
    z.object({ n: z.number() }),
  );
  return row?.n ?? 0;
}

/** Where the charter's message was, for charters shown before every message went through the outbox. */
export async function charterMessageTs(q: Queryable, c: Channel): Promise<string | null> {
  const [row] = await q.query(
    `select message_ts from charters where team_id = $1 and channel_id = $2`,
    [c.teamId, c.channelId],
    z.object({ message_ts: z.string().nullable() }),
  );
  return row?.message_ts ?? null;
}

/** Every version of every charter, oldest first. `since` keeps versions saved from that day. */
export function streamCharterVersionsForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select ${VERSION_COLUMNS} from charter_versions
     where ($1::text[] is null or team_id = any($1))
       and ($2::timestamptz is null or saved_at >= $2)
     order by team_id, channel_id, version`,
    [filter.teamIds ?? null, filter.since ?? null],
    versionRow,
  );
}
