import type { Queryable } from '../db/database.js';
import { enqueueMessages, isQueued, latestViewOf, withdrawPendingEdits } from '../db/repos/outbox.js';

/**
 * Settles a DM that asked its reader to act, once they have: one edit of the message queued under
 * `key`, drawn by its own view from what it shows now as `change` turns it (answered, skipped, a
 * time zone chosen), queued in the caller's transaction under `${key}:${edit}`, so once. Nothing
 * when no message was queued under `key` (answered before the prompt came), when `change` says
 * nothing changes (undefined), or when that edit was queued already. An edit of the same message
 * still waiting is replaced: `change` saw what it would show, so the newest state goes out whole.
 */
export async function settlePrompt<Data>(
  tx: Queryable,
  p: { teamId: string; key: string; view: string; edit: string; now: Date },
  change: (shown: Data) => Data | undefined,
): Promise<boolean> {
  const dedupeKey = `${p.key}:${p.edit}`;
  if (await isQueued(tx, p.teamId, dedupeKey)) return false;
  const shown = await latestViewOf(tx, p.teamId, p.key);
  if (!shown || shown.view !== p.view) return false;
  const data = change(shown.data as Data);
  if (data === undefined) return false;
  await withdrawPendingEdits(tx, p.teamId, p.key);
  const queued = await enqueueMessages(
    tx,
    [{ teamId: p.teamId, dedupeKey, channelId: shown.channelId, updateOf: p.key, view: p.view, data }],
    p.now,
  );
  return queued.size > 0;
}
