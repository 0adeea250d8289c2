import { z } from 'zod';
import type { Queryable } from '../database.js';

/**
 * Responsiveness across the boundary (migrations/1766200000000_responsiveness.sql): a channel's
 * setting, and the metadata of the threads that asked something. No statement here takes or stores
 * a message's text; a person's id is read only to find their side, and never stored.
 */

const settingRow = z.object({
  target_minutes: z.number(),
  turned_on_by: z.string(),
  turned_on_at: z.date(),
  questions: z.number(),
});
export type ResponsivenessSetting = {
  targetMinutes: number;
  turnedOnBy: string;
  turnedOnAt: Date;
  /** How many questions it holds now. */
  questions: number;
};

/** The channel's setting, or undefined while it is off. */
export async function responsivenessSetting(
  q: Queryable,
  teamId: string,
  channelId: string,
): Promise<ResponsivenessSetting | undefined> {
  const [row] = await q.query(
    `select s.target_minutes, s.turned_on_by, s.turned_on_at,
            (select count(*)::int from asked_threads t where t.team_id = s.team_id and t.channel_id = s.channel_id) as questions
     from responsiveness_settings s where s.team_id = $1 and s.channel_id = $2`,
    [teamId, channelId],
    settingRow,
  );
  return row
    ? {
        targetMinutes: row.target_minutes,
        turnedOnBy: row.turned_on_by,
        turnedOnAt: row.turned_on_at,
        questions: row.questions,
      }
    : undefined;
}

/** Turns it on (a second time, it only changes the target when one is given); true when it was off. */
export async function turnOnResponsiveness(
  q: Queryable,
  input: { teamId: string; channelId: string; userId: string; now: Date; targetMinutes?: number },
): Promise<boolean> {
  const [row] = await q.query(
    `insert into responsiveness_settings (team_id, channel_id, target_minutes, turned_on_by, turned_on_at)
     values ($1, $2, coalesce($3::int, 240), $4, $5)
     on conflict (team_id, channel_id) do update set target_minutes = coalesce($3::int, responsiveness_settings.target_minutes)
     returning (xmax = 0) as inserted`,
    [input.teamId, input.channelId, input.targetMinutes ?? null, input.userId, input.now],
    z.object({ inserted: z.boolean() }),
  );
  return row?.inserted ?? false;
}

/** Sets the target while it is on; false when it is off. */
export async function setResponsivenessTarget(
  q: Queryable,
  teamId: string,
  channelId: string,
  targetMinutes: number,
): Promise<boolean> {
  const n = await q.execute(
    `update responsiveness_settings set target_minutes = $3 where team_id = $1 and channel_id = $2`,
    [teamId, channelId, targetMinutes],
  );
  return n > 0;
}

/** Turns it off and erases every thread it recorded; how many it erased, or null when it was off. */
export async function turnOffResponsiveness(
  q: Queryable,
  teamId: string,
  channelId: string,
): Promise<number | null> {
  const [row] = await q.query(
    `with setting as (
       delete from responsiveness_settings where team_id = $1 and channel_id = $2 returning 1
     ), threads as (
       delete from asked_threads where team_id = $1 and channel_id = $2 returning 1
     )
     select (select count(*)::int from setting) as was_on, (select count(*)::int from threads) as erased`,
    [teamId, channelId],
    z.object({ was_on: z.number(), erased: z.number() }),
  );
  return row && row.was_on > 0 ? row.erased : null;
}

/**
 * A person's side in the channel, in SQL, from $1 team, $2 channel, $4 user and $5 their workspace:
 * their declared side when the channel declared sides (none when they are in none), else their
 * workspace, as for the other cross-side metrics (docs/METRICS.md, "Sides").
 */
const SIDE_OF_AUTHOR = `case when exists (select 1 from alliance_sides where team_id = $1 and channel_id = $2)
       then (select side from alliance_sides where team_id = $1 and channel_id = $2 and user_id = $4)
       else $5 end`;

/** Whether the channel has it on: the one read a message that asks something costs where it is off. */
export async function responsivenessIsOn(q: Queryable, teamId: string, channelId: string): Promise<boolean> {
  const rows = await q.query(
    `select 1 as is_on from responsiveness_settings where team_id = $1 and channel_id = $2`,
    [teamId, channelId],
    z.object({ is_on: z.number() }),
  );
  return rows.length > 0;
}

export type AuthoredMessage = {
  teamId: string;
  channelId: string;
  threadTs: string;
  /** Read to find their side, never stored. */
  userId: string;
  userTeamId: string;
  zone: string;
  at: Date;
};

/** Records a question that opened a thread, once, while the channel has it on; true when recorded. */
export async function recordQuestion(q: Queryable, m: AuthoredMessage): Promise<boolean> {
  const n = await q.execute(
    `insert into asked_threads (team_id, channel_id, thread_ts, asker_side, asker_zone, asked_at)
     select $1, $2, $3, side, $6, $7
     from (select ${SIDE_OF_AUTHOR} as side) a
     where side is not null
       and exists (select 1 from responsiveness_settings where team_id = $1 and channel_id = $2)
     on conflict (team_id, channel_id, thread_ts) do nothing`,
    [m.teamId, m.channelId, m.threadTs, m.userId, m.userTeamId, m.zone, m.at],
  );
  return n > 0;
}

/**
 * Whether the thread is a recorded question still waiting, or whose first reply from another side
 * came after `at` (events can arrive out of order): only then does a reply need its author's zone.
 */
export async function questionAwaits(
  q: Queryable,
  teamId: string,
  channelId: string,
  threadTs: string,
  at: Date,
): Promise<boolean> {
  const rows = await q.query(
    `select 1 as waits from asked_threads
     where team_id = $1 and channel_id = $2 and thread_ts = $3 and asked_at < $4
       and (replied_at is null or replied_at > $4)`,
    [teamId, channelId, threadTs, at],
    z.object({ waits: z.number() }),
  );
  return rows.length > 0;
}

/**
 * Records a reply in a question's thread when it is the earliest from another side than the
 * asker's; a reply from the asker's side, or one Slack delivers again, changes nothing.
 */
export async function recordReply(q: Queryable, m: AuthoredMessage): Promise<boolean> {
  const n = await q.execute(
    `update asked_threads t set replier_side = a.side, replier_zone = $6, replied_at = $7
     from (select ${SIDE_OF_AUTHOR} as side) a
     where t.team_id = $1 and t.channel_id = $2 and t.thread_ts = $3
       and a.side is not null and a.side <> t.asker_side
       and t.asked_at < $7 and (t.replied_at is null or t.replied_at > $7)
       and exists (select 1 from responsiveness_settings where team_id = $1 and channel_id = $2)`,
    [m.teamId, m.channelId, m.threadTs, m.userId, m.userTeamId, m.zone, m.at],
  );
  return n > 0;
}
