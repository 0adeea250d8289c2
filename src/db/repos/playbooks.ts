import type { Queryable } from '../database.js';

/** Claims a playbook's confirmation form (migrations/1766400000000_playbooks.sql): true the first time only. */
export async function claimPlaybook(
  q: Queryable,
  a: {
    teamId: string;
    channelId: string;
    playbook: string;
    submissionKey: string;
    userId: string;
    now: Date;
  },
): Promise<boolean> {
  const n = await q.execute(
    `insert into playbook_applications (team_id, channel_id, playbook, submission_key, applied_by, applied_at)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (team_id, submission_key) do nothing`,
    [a.teamId, a.channelId, a.playbook, a.submissionKey, a.userId, a.now],
  );
  return n > 0;
}
