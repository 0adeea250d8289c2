import { z } from 'zod';
import type { Queryable } from '../database.js';
import { sharedWith } from './shared-channels.js';

/**
 * Who of `userIds` wants a DM when they receive kudos in record set `teamId`: everyone but those who
 * turned it off. A person's switch is theirs wherever they used it: in that workspace's Home tab,
 * or, for a shared channel's set, in the Home tab of any workspace the channel is shared with; the
 * latest switch wins.
 */
export async function kudosDmsWanted(
  q: Queryable,
  teamId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await q.query(
    `select distinct on (s.user_id) s.user_id, s.kudos_dms
     from person_settings s
     where s.user_id = any($2::text[])
       and (s.team_id = $1
            or s.team_id in (select unnest(c.team_ids) from shared_channels c
                             where c.channel_id = $1 and c.is_shared))
     order by s.user_id, s.updated_at desc`,
    [teamId, userIds],
    z.object({ user_id: z.string(), kudos_dms: z.boolean() }),
  );
  const off = new Set(rows.filter((r) => !r.kudos_dms).map((r) => r.user_id));
  return new Set(userIds.filter((id) => !off.has(id)));
}

/** Turns a person's kudos DMs on or off. */
export async function setKudosDms(q: Queryable, teamId: string, userId: string, on: boolean): Promise<void> {
  await q.execute(
    `insert into person_settings (team_id, user_id, kudos_dms, updated_at) values ($1, $2, $3, now())
     on conflict (team_id, user_id) do update set kudos_dms = excluded.kudos_dms, updated_at = now()`,
    [teamId, userId, on],
  );
}

/** The workspaces a shared channel's record set (`me.team_id`) is shared with, for a person's own settings. */
const SHARED_WITH = sharedWith('me.team_id');

/** For each person `me` (team_id, user_id): the zone they chose (p.time_zone), and Slack's row of them (u). */
const ZONE_SOURCES_OF_ME = `left join lateral (
       select s.time_zone from person_settings s
       where s.user_id = me.user_id and s.time_zone is not null
         and (s.team_id = me.team_id or s.team_id in (${SHARED_WITH}))
       order by s.updated_at desc limit 1
     ) p on true
     left join slack_users u on u.team_id = me.team_id and u.user_id = me.user_id`;

const zoneFacts = z.object({
  chosen: z.string().nullable(),
  slack: z.string().nullable(),
  /** Whether Rapport has read the person from Slack at all. */
  known: z.boolean(),
  /** The zone of one of their slots in a local-time ritual: what it planned them in. */
  planned: z.string().nullable(),
});
export type ZoneFacts = z.infer<typeof zoneFacts>;

/**
 * What Rapport knows of a person's time zone: the one they chose, the one Slack shares, and the one
 * their local-time rituals planned them in.
 */
export async function zoneFactsOf(q: Queryable, teamId: string, userId: string): Promise<ZoneFacts> {
  const [row] = await q.query(
    `select p.time_zone as chosen, u.tz as slack, u.user_id is not null as known,
            (select s.zone from ritual_slots s
             join rituals r on r.team_id = s.team_id and r.id = s.ritual_id
             where (s.team_id = me.team_id
                    or s.team_id in (select c.channel_id from shared_channels c
                                     where c.is_shared and me.team_id = any(c.team_ids)))
               and s.participant_id = me.user_id and r.zone = 'local'
             order by s.ritual_id limit 1) as planned
     from (select $1::text as team_id, $2::text as user_id) me
     ${ZONE_SOURCES_OF_ME}`,
    [teamId, userId],
    zoneFacts,
  );
  return row ?? { chosen: null, slack: null, known: false, planned: null };
}

/**
 * The zones these people chose in Rapport: in this record set's workspace, or, for a shared
 * channel's set, in any workspace the channel is shared with (a person's zone is theirs wherever
 * they set it; the latest wins). By user id; people who chose none are left out.
 */
export async function chosenZones(
  q: Queryable,
  teamId: string,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await q.query(
    `select distinct on (user_id) user_id, time_zone from person_settings
     where user_id = any($2::text[]) and time_zone is not null
       and (team_id = $1 or team_id in (${sharedWith('$1')}))
     order by user_id, updated_at desc`,
    [teamId, userIds],
    z.object({ user_id: z.string(), time_zone: z.string() }),
  );
  return new Map(rows.map((r) => [r.user_id, r.time_zone]));
}

/** Saves the zone a person chose. */
export async function setChosenZone(
  q: Queryable,
  teamId: string,
  userId: string,
  zone: string,
): Promise<void> {
  await q.execute(
    `insert into person_settings (team_id, user_id, time_zone, updated_at) values ($1, $2, $3, now())
     on conflict (team_id, user_id) do update set time_zone = excluded.time_zone, updated_at = now()`,
    [teamId, userId, zone],
  );
}

/** A person in a record set, as the batch statements below take them. */
export type PersonOfSet = { teamId: string; userId: string };

/** The key of a person in a record set, in the maps and sets the batch statements below return. */
export const personKey = (p: PersonOfSet) => `${p.teamId}\u0000${p.userId}`;

/**
 * Where each person's zone would come from, for many people at once: the zone they chose (in
 * their set's workspace, or any workspace a shared channel's set is shared with), the one Slack
 * shares, and whether Rapport has read them from Slack at all. By personKey.
 */
export async function zoneSourcesOf(
  q: Queryable,
  people: readonly PersonOfSet[],
): Promise<Map<string, Omit<ZoneFacts, 'planned'>>> {
  if (people.length === 0) return new Map();
  const rows = await q.query(
    `select me.team_id, me.user_id, p.time_zone as chosen, u.tz as slack, u.user_id is not null as known
     from unnest($1::text[], $2::text[]) as me(team_id, user_id)
     ${ZONE_SOURCES_OF_ME}`,
    [people.map((p) => p.teamId), people.map((p) => p.userId)],
    zoneFacts.omit({ planned: true }).extend({ team_id: z.string(), user_id: z.string() }),
  );
  return new Map(
    rows.map((r) => [
      personKey({ teamId: r.team_id, userId: r.user_id }),
      { chosen: r.chosen, slack: r.slack, known: r.known },
    ]),
  );
}

/**
 * Records that these people were asked for their zone, each once ever: returns the personKey of
 * each one asked by this call, so of two prompts queued at once, or on two replicas, only one
 * carries the question. `people` holds each person once.
 */
export async function claimZoneQuestions(
  q: Queryable,
  people: readonly PersonOfSet[],
  now: Date,
): Promise<Set<string>> {
  if (people.length === 0) return new Set();
  const rows = await q.query(
    `insert into person_settings (team_id, user_id, zone_asked_at, updated_at)
     select team_id, user_id, $3, $3 from unnest($1::text[], $2::text[]) as p(team_id, user_id)
     on conflict (team_id, user_id) do update set zone_asked_at = excluded.zone_asked_at
       where person_settings.zone_asked_at is null
     returning team_id, user_id`,
    [people.map((p) => p.teamId), people.map((p) => p.userId), now],
    z.object({ team_id: z.string(), user_id: z.string() }),
  );
  return new Set(rows.map((r) => personKey({ teamId: r.team_id, userId: r.user_id })));
}
