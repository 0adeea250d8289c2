import { setsOf } from './shared-channels.js';
import { z } from 'zod';
import type { Database, Queryable } from '../database.js';
import type { ExportFilter } from '../export-filter.js';

const creditRow = z.object({
  id: z.coerce.number(),
  team_id: z.string(),
  channel_id: z.string(),
  deliverable: z.string(),
  link: z.string().nullable(),
  given_by: z.string(),
  revision: z.number(),
  created_at: z.date(),
});
export type CreditRow = z.infer<typeof creditRow>;

const STATUS = z.enum(['unconfirmed', 'confirmed', 'declined']);
export type CreditStatus = z.infer<typeof STATUS>;

const contributorRow = z.object({
  id: z.coerce.number(),
  team_id: z.string(),
  credit_id: z.coerce.number(),
  contributor_id: z.string(),
  contribution: z.string().nullable(),
  status: STATUS,
  corrected: z.boolean(),
});
export type ContributorRow = z.infer<typeof contributorRow>;

const CREDIT = `k.id, k.team_id, k.channel_id, k.deliverable, k.link, k.given_by, k.revision, k.created_at`;
const CONTRIBUTOR = `c.id, c.team_id, c.credit_id, c.contributor_id, c.contribution, c.status, c.corrected`;

export type NewCredit = {
  teamId: string;
  channelId: string;
  deliverable: string;
  link: string | null;
  givenBy: string;
  submissionKey: string;
  now: Date;
};

/** Keeps a credit; undefined when this submission already kept one (Slack delivered it twice). */
export async function insertCredit(q: Queryable, c: NewCredit): Promise<CreditRow | undefined> {
  const [row] = await q.query(
    `insert into credits as k (team_id, channel_id, deliverable, link, given_by, submission_key, created_at)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (team_id, submission_key) do nothing
     returning ${CREDIT}`,
    [c.teamId, c.channelId, c.deliverable, c.link, c.givenBy, c.submissionKey, c.now],
    creditRow,
  );
  return row;
}

export async function creditOfSubmission(
  q: Queryable,
  teamId: string,
  submissionKey: string,
): Promise<CreditRow | undefined> {
  const [row] = await q.query(
    `select ${CREDIT} from credits k where k.team_id = $1 and k.submission_key = $2`,
    [teamId, submissionKey],
    creditRow,
  );
  return row;
}

export type NewContributor = {
  contributorId: string;
  contribution: string | null;
  status: 'unconfirmed' | 'confirmed';
};

/** Names each contributor of a new credit, in the order given. */
export function insertContributors(
  q: Queryable,
  c: { teamId: string; creditId: number; contributors: readonly NewContributor[]; now: Date },
): Promise<ContributorRow[]> {
  return q.query(
    `insert into credit_contributors as c
       (team_id, credit_id, contributor_id, contribution, status, answered_at)
     select $1, $2, n.contributor_id, n.contribution, n.status,
            case when n.status = 'confirmed' then $6::timestamptz end
     from unnest($3::text[], $4::text[], $5::text[]) with ordinality
       as n(contributor_id, contribution, status, position)
     order by n.position
     returning ${CONTRIBUTOR}`,
    [
      c.teamId,
      c.creditId,
      c.contributors.map((p) => p.contributorId),
      c.contributors.map((p) => p.contribution),
      c.contributors.map((p) => p.status),
      c.now,
    ],
    contributorRow,
  );
}

/** Everyone named in a credit, declined ones too, in the order they were named. */
export function contributorsOf(q: Queryable, teamId: string, creditId: number): Promise<ContributorRow[]> {
  return q.query(
    `select ${CONTRIBUTOR} from credit_contributors c
     where c.team_id = $1 and c.credit_id = $2
     order by c.id`,
    [teamId, creditId],
    contributorRow,
  );
}

/**
 * One contributor's row and their credit. With `lock`, the credit stays locked until the
 * transaction ends: answers to one credit take turns, so each update of its message shows every
 * answer before it.
 */
export async function contributionWithCredit(
  q: Queryable,
  teamId: string,
  rowId: number,
  options: { lock: boolean },
): Promise<{ credit: CreditRow; contributor: ContributorRow } | undefined> {
  const [row] = await q.query(
    `select ${CREDIT}, row_to_json(c) as contributor
     from credit_contributors c
     join credits k on k.team_id = c.team_id and k.id = c.credit_id
     where c.team_id = $1 and c.id = $2
     ${options.lock ? 'for update of k' : ''}`,
    [teamId, rowId],
    creditRow.extend({ contributor: contributorRow }),
  );
  if (!row) return undefined;
  const { contributor, ...credit } = row;
  return { credit, contributor };
}

/**
 * Records a contributor's answer, only theirs and only from one of the `from` statuses; undefined
 * when nothing changed (answered already, or not theirs).
 */
export async function answerContribution(
  q: Queryable,
  a: {
    teamId: string;
    rowId: number;
    contributorId: string;
    status: 'confirmed' | 'declined';
    from: readonly CreditStatus[];
    now: Date;
  },
): Promise<ContributorRow | undefined> {
  const [row] = await q.query(
    `update credit_contributors c set status = $4, answered_at = $6
     where c.team_id = $1 and c.id = $2 and c.contributor_id = $3 and c.status = any($5::text[])
     returning ${CONTRIBUTOR}`,
    [a.teamId, a.rowId, a.contributorId, a.status, a.from, a.now],
    contributorRow,
  );
  return row;
}

/**
 * A contributor's own wording of their part, which confirms it; undefined when nothing changed
 * (the same words confirmed already, a declined credit, or not theirs).
 */
export async function rewordContribution(
  q: Queryable,
  r: { teamId: string; rowId: number; contributorId: string; contribution: string; now: Date },
): Promise<ContributorRow | undefined> {
  const [row] = await q.query(
    `update credit_contributors c
     set contribution = $4, corrected = true, status = 'confirmed', answered_at = $5
     where c.team_id = $1 and c.id = $2 and c.contributor_id = $3 and c.status <> 'declined'
       and (c.status = 'unconfirmed' or c.contribution is distinct from $4)
     returning ${CONTRIBUTOR}`,
    [r.teamId, r.rowId, r.contributorId, r.contribution, r.now],
    contributorRow,
  );
  return row;
}

/** The credit's next revision, for the update its answers queue. */
export async function bumpCreditRevision(q: Queryable, teamId: string, creditId: number): Promise<number> {
  const [row] = await q.query(
    `update credits set revision = revision + 1 where team_id = $1 and id = $2 returning revision`,
    [teamId, creditId],
    z.object({ revision: z.number() }),
  );
  return row?.revision ?? 0;
}

const listedContributor = z.object({
  id: z.coerce.number(),
  contributor_id: z.string(),
  contribution: z.string().nullable(),
  status: z.enum(['unconfirmed', 'confirmed']),
  corrected: z.boolean(),
});
const listedCredit = creditRow.extend({ contributors: z.array(listedContributor) });
export type ListedCredit = z.infer<typeof listedCredit>;

/** Escapes LIKE's wildcards, so each word is matched as typed. */
const likeWord = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A channel's credits that still name someone (declined contributors left out), newest first,
 * whose deliverable holds every one of `words` (any case); and how many there are in all.
 */
export async function creditsOfChannel(
  q: Queryable,
  c: { teamId: string; channelId: string; words: readonly string[]; limit: number },
): Promise<{ rows: ListedCredit[]; total: number }> {
  const where = `k.team_id = $1 and k.channel_id = $2 and k.deliverable ilike all($3::text[])
     and exists (select 1 from credit_contributors c
                 where c.team_id = k.team_id and c.credit_id = k.id and c.status <> 'declined')`;
  const params = [c.teamId, c.channelId, c.words.map(likeWord)];
  const rows = await q.query(
    `select ${CREDIT},
            (select json_agg(json_build_object('id', c.id, 'contributor_id', c.contributor_id,
                                               'contribution', c.contribution, 'status', c.status,
                                               'corrected', c.corrected) order by c.id)
             from credit_contributors c
             where c.team_id = k.team_id and c.credit_id = k.id and c.status <> 'declined') as contributors
     from credits k
     where ${where}
     order by k.created_at desc, k.id desc
     limit $4`,
    [...params, c.limit],
    listedCredit,
  );
  const [count] = await q.query(
    `select count(*)::int as n from credits k where ${where}`,
    params,
    z.object({ n: z.number() }),
  );
  return { rows, total: count?.n ?? 0 };
}

const personCredit = z.object({
  contributor_row_id: z.coerce.number(),
  credit_id: z.coerce.number(),
  channel_id: z.string(),
  deliverable: z.string(),
  link: z.string().nullable(),
  given_by: z.string(),
  contribution: z.string().nullable(),
  status: z.enum(['unconfirmed', 'confirmed']),
  corrected: z.boolean(),
  created_at: z.date(),
});
export type PersonCreditRow = z.infer<typeof personCredit>;

/**
 * A person's credits that they have not declined: those waiting for their answer first, then the
 * newest; in one channel, or (for their own eyes, the Home tab) in every channel.
 */
export async function creditsOfPerson(
  q: Queryable,
  p: { teamId: string | readonly string[]; userId: string; channelId?: string; limit: number },
): Promise<{ rows: PersonCreditRow[]; total: number; waiting: number }> {
  const where = `c.team_id = any($1::text[]) and c.contributor_id = $2 and c.status <> 'declined'
     and ($3::text is null or k.channel_id = $3)`;
  const params = [setsOf(p.teamId), p.userId, p.channelId ?? null];
  const rows = await q.query(
    `select c.id as contributor_row_id, k.id as credit_id, k.channel_id, k.deliverable, k.link, k.given_by,
            c.contribution, c.status, c.corrected, k.created_at
     from credit_contributors c
     join credits k on k.team_id = c.team_id and k.id = c.credit_id
     where ${where}
     order by c.status = 'unconfirmed' desc, k.created_at desc, c.id desc
     limit $4`,
    [...params, p.limit],
    personCredit,
  );
  const [count] = await q.query(
    `select count(*)::int as n, (count(*) filter (where c.status = 'unconfirmed'))::int as waiting
     from credit_contributors c join credits k on k.team_id = c.team_id and k.id = c.credit_id
     where ${where}`,
    params,
    z.object({ n: z.number(), waiting: z.number() }),
  );
  return { rows, total: count?.n ?? 0, waiting: count?.waiting ?? 0 };
}

const exportLine = z.object({
  team_id: z.string(),
  credit_id: z.coerce.number(),
  channel_id: z.string(),
  deliverable: z.string(),
  link: z.string().nullable(),
  contributor_id: z.string(),
  contribution: z.string().nullable(),
  given_by: z.string(),
  status: z.enum(['unconfirmed', 'confirmed']),
  created_at: z.date(),
});

/** One line per contributor who has not declined, oldest credit first. */
export function streamCreditsForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select k.team_id, k.id as credit_id, k.channel_id, k.deliverable, k.link, c.contributor_id,
            c.contribution, k.given_by, c.status, k.created_at
     from credits k
     join credit_contributors c on c.team_id = k.team_id and c.credit_id = k.id
     where c.status <> 'declined'
       and ($1::text[] is null or k.team_id = any($1))
       and ($2::timestamptz is null or k.created_at >= $2)
     order by k.team_id, k.created_at, k.id, c.id`,
    [filter.teamIds ?? null, filter.since ?? null],
    exportLine,
  );
}
