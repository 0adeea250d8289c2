import { z } from 'zod';
import type { Queryable } from '../database.js';
import { GIVEN_COLUMNS, type GivenKudos, givenKudos, type Side } from './kudos.js';

export async function insertKudosAnnouncement(
  q: Queryable,
  a: { teamId: string; channelId: string; now: Date },
): Promise<number> {
  const [row] = await q.query(
    `insert into kudos_announcements (team_id, channel_id, created_at) values ($1, $2, $3) returning id`,
    [a.teamId, a.channelId, a.now],
    z.object({ id: z.coerce.number() }),
  );
  if (!row) throw new Error('insert … returning gave no row');
  return row.id;
}

const announced = z.object({
  announcement_id: z.coerce.number(),
  channel_id: z.string(),
  giver_id: z.string(),
  reason: z.string(),
  receiver_ids: z.array(z.string()),
});
export type AnnouncedKudos = z.infer<typeof announced>;

/** The kudos a message announced: who gave them, to whom, why. Undefined for any other message. */
export async function findAnnouncedKudos(
  q: Queryable,
  teamId: string,
  channelId: string,
  messageTs: string,
): Promise<AnnouncedKudos | undefined> {
  const [row] = await q.query(
    `select a.id as announcement_id, a.channel_id,
            min(k.giver_id) as giver_id, min(k.reason) as reason,
            array_agg(k.receiver_id order by k.id) as receiver_ids
     from kudos_announcements a
     join kudos k on k.team_id = a.team_id and k.announcement_id = a.id
     where a.team_id = $1 and a.channel_id = $2
       and a.id = coalesce(
         -- The outbox posted it under the key 'kudos-announcement:<id>' (src/kudos/kudos-views.ts).
         (select split_part(o.dedupe_key, ':', 2)::bigint from outbox o
          where o.team_id = $1 and o.channel_id = $2 and o.message_ts = $3
            and o.dedupe_key like 'kudos-announcement:%'
          limit 1),
         -- Announcements posted before every message went through the outbox.
         (select p.id from kudos_announcements p
          where p.team_id = $1 and p.channel_id = $2 and p.message_ts = $3
          limit 1))
       and k.source in ('command', 'shortcut') and k.retracted_at is null
     group by a.id, a.channel_id`,
    [teamId, channelId, messageTs],
    announced,
  );
  return row;
}

/** Who already has kudos from this giver under this announcement (given or seconded). */
export async function receiversOfGiverIn(
  q: Queryable,
  teamId: string,
  announcementId: number,
  giverId: string,
): Promise<Set<string>> {
  const rows = await q.query(
    `select receiver_id from kudos
     where team_id = $1 and announcement_id = $2 and giver_id = $3 and retracted_at is null`,
    [teamId, announcementId, giverId],
    z.object({ receiver_id: z.string() }),
  );
  return new Set(rows.map((r) => r.receiver_id));
}

/** The giver's "ditto" to an announcement: one kudos per receiver, once each. */
export function insertDittoKudos(
  q: Queryable,
  d: {
    teamId: string;
    announcement: AnnouncedKudos;
    giver: Side;
    receivers: readonly Side[];
    now: Date;
  },
): Promise<GivenKudos[]> {
  return q.query(
    `insert into kudos (team_id, giver_id, giver_team_id, receiver_id, receiver_team_id, channel_id, source,
                        reason, announcement_id, created_at)
     select $1, $2, $3, receiver_id, receiver_team_id, $4, 'ditto', $5, $6, $7
     from unnest($8::text[], $9::text[]) as r(receiver_id, receiver_team_id)
     on conflict do nothing
     returning ${GIVEN_COLUMNS}`,
    [
      d.teamId,
      d.giver.id,
      d.giver.teamId,
      d.announcement.channel_id,
      d.announcement.reason,
      d.announcement.announcement_id,
      d.now,
      d.receivers.map((r) => r.id),
      d.receivers.map((r) => r.teamId),
    ],
    givenKudos,
  );
}
