import { z } from 'zod';
import type { Database, Queryable } from '../database.js';
import type { ExportFilter } from '../export-filter.js';

/** A pairs ritual's round: its ritual and date, in its record set. */
export type RoundKey = { teamId: string; ritualId: number; roundDate: string };
const keyParams = (k: RoundKey) => [k.teamId, k.ritualId, k.roundDate] as const;

const memberRow = z.object({
  user_id: z.string(),
  joined: z.boolean(),
  paused_until: z.string().nullable(),
});
export type PairMemberRow = z.infer<typeof memberRow>;

/**
 * A person's answer to the channel's pairs: in or out, and a pause until a date (or none). When they
 * last joined and last left is kept too: who had joined at a period's end is counted by
 * `connections` (migrations/1766700000000).
 */
export async function savePairMember(
  q: Queryable,
  m: {
    teamId: string;
    channelId: string;
    userId: string;
    userTeamId: string | undefined;
    zone: string | undefined;
    joined: boolean;
    pausedUntil: string | null;
    now: Date;
  },
): Promise<void> {
  await q.execute(
    `insert into pair_members (team_id, channel_id, user_id, user_team_id, zone, joined, paused_until, updated_at,
                               joined_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, case when $6 then $8::timestamptz end)
     on conflict (team_id, channel_id, user_id) do update
       set user_team_id = coalesce(excluded.user_team_id, pair_members.user_team_id),
           zone = coalesce(excluded.zone, pair_members.zone),
           joined = excluded.joined, paused_until = excluded.paused_until, updated_at = excluded.updated_at,
           joined_at = case when excluded.joined and not pair_members.joined then excluded.updated_at
                            else pair_members.joined_at end,
           left_at = case when not excluded.joined and pair_members.joined then excluded.updated_at
                          else pair_members.left_at end`,
    [m.teamId, m.channelId, m.userId, m.userTeamId ?? null, m.zone ?? null, m.joined, m.pausedUntil, m.now],
  );
}

export async function pairMember(
  q: Queryable,
  teamId: string,
  channelId: string,
  userId: string,
): Promise<PairMemberRow | undefined> {
  const [row] = await q.query(
    `select user_id, joined, to_char(paused_until, 'YYYY-MM-DD') as paused_until
     from pair_members where team_id = $1 and channel_id = $2 and user_id = $3`,
    [teamId, channelId, userId],
    memberRow,
  );
  return row;
}

/** How many have joined the channel's pairs, and how many of them are paused on `day`. */
export async function pairMemberCounts(q: Queryable, teamId: string, channelId: string, day: string) {
  const [row] = await q.query(
    `select count(*) filter (where joined)::int as joined,
            count(*) filter (where joined and paused_until > $3::date)::int as paused
     from pair_members where team_id = $1 and channel_id = $2`,
    [teamId, channelId, day],
    z.object({ joined: z.number(), paused: z.number() }),
  );
  return row ?? { joined: 0, paused: 0 };
}

/**
 * Who a round pairs: those who joined and are not paused on its date, each with their side: the
 * side declared for them when the channel declared sides (none when in none), else their workspace.
 */
export function membersToPair(q: Queryable, teamId: string, channelId: string, day: string) {
  return q.query(
    `with declared as (select user_id, side from alliance_sides where team_id = $1 and channel_id = $2)
     select m.user_id as id, m.zone,
            coalesce(case when exists (select 1 from declared)
                          then (select side from declared d where d.user_id = m.user_id)
                          else coalesce(m.user_team_id, m.team_id) end, '') as side
     from pair_members m
     where m.team_id = $1 and m.channel_id = $2 and m.joined
       and (m.paused_until is null or m.paused_until <= $3::date)
     order by m.user_id`,
    [teamId, channelId, day],
    z.object({ id: z.string(), side: z.string(), zone: z.string().nullable() }),
  );
}

/** Makes the round, once: false when it was made already (a second tick, another replica). */
export async function startRound(
  q: Queryable,
  k: RoundKey & { channelId: string; now: Date },
): Promise<boolean> {
  const n = await q.execute(
    `insert into pair_rounds (team_id, ritual_id, round_date, channel_id, made_at)
     values ($1, $2, $3, $4, $5) on conflict do nothing`,
    [...keyParams(k), k.channelId, k.now],
  );
  return n > 0;
}

/** The groups of the ritual's last `rounds` rounds before `k.roundDate`, oldest round first. */
export async function recentRounds(q: Queryable, k: RoundKey, rounds: number): Promise<string[][][]> {
  const rows = await q.query(
    `with last as (
       select round_date from pair_rounds
       where team_id = $1 and ritual_id = $2 and round_date < $3::date
       order by round_date desc limit $4
     )
     select to_char(g.round_date, 'YYYY-MM-DD') as round_date, g.members
     from pair_groups g join last using (round_date)
     where g.team_id = $1 and g.ritual_id = $2
     order by g.round_date, g.group_no`,
    [...keyParams(k), rounds],
    z.object({ round_date: z.string(), members: z.array(z.string()) }),
  );
  const byRound = new Map<string, string[][]>();
  for (const r of rows) byRound.set(r.round_date, [...(byRound.get(r.round_date) ?? []), r.members]);
  return [...byRound.values()];
}

export async function insertGroups(q: Queryable, k: RoundKey, groups: readonly string[][]): Promise<void> {
  if (groups.length === 0) return;
  await q.execute(
    `insert into pair_groups (team_id, ritual_id, round_date, group_no, members)
     select $1, $2, $3, g.no, string_to_array(g.members, ',')
     from unnest($4::int[], $5::text[]) as g(no, members)`,
    [...keyParams(k), groups.map((_, i) => i + 1), groups.map((g) => g.join(','))],
  );
}

const groupRow = z.object({ group_no: z.number(), members: z.array(z.string()), met: z.boolean() });
export type PairGroupRow = z.infer<typeof groupRow>;

export function roundGroups(q: Queryable, k: RoundKey): Promise<PairGroupRow[]> {
  return q.query(
    `select group_no, members, met_at is not null as met from pair_groups
     where team_id = $1 and ritual_id = $2 and round_date = $3 order by group_no`,
    [...keyParams(k)],
    groupRow,
  );
}

/** A member says the group met: true the first time, false after (or for someone not in it). */
export async function markMet(
  q: Queryable,
  k: RoundKey & { groupNo: number; userId: string; now: Date },
): Promise<boolean> {
  const n = await q.execute(
    `update pair_groups set met_at = $6
     where team_id = $1 and ritual_id = $2 and round_date = $3 and group_no = $4
       and $5 = any(members) and met_at is null`,
    [...keyParams(k), k.groupNo, k.userId, k.now],
  );
  return n > 0;
}

export async function pairGroup(q: Queryable, k: RoundKey & { groupNo: number }) {
  const [row] = await q.query(
    `select g.group_no, g.members, g.met_at is not null as met, r.channel_id
     from pair_groups g join pair_rounds r using (team_id, ritual_id, round_date)
     where g.team_id = $1 and g.ritual_id = $2 and g.round_date = $3 and g.group_no = $4`,
    [...keyParams(k), k.groupNo],
    groupRow.extend({ channel_id: z.string() }),
  );
  return row;
}

const exportLine = z.object({
  team_id: z.string(),
  ritual_id: z.coerce.number(),
  channel_id: z.string(),
  round_date: z.string(),
  group_no: z.number(),
  members: z.array(z.string()),
  met: z.boolean(),
});

/** Every group of every round, oldest first: who, and whether they met. `since` keeps rounds from that day. */
export function streamPairingsForExport(db: Database, filter: ExportFilter) {
  return db.stream(
    `select g.team_id, g.ritual_id, r.channel_id, to_char(g.round_date, 'YYYY-MM-DD') as round_date,
            g.group_no, g.members, g.met_at is not null as met
     from pair_groups g
     join pair_rounds r on r.team_id = g.team_id and r.ritual_id = g.ritual_id and r.round_date = g.round_date
     where ($1::text[] is null or g.team_id = any($1))
       and ($2::timestamptz is null or r.made_at >= $2)
     order by g.team_id, g.round_date, g.ritual_id, g.group_no`,
    [filter.teamIds ?? null, filter.since ?? null],
    exportLine,
  );
}
