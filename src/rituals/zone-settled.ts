import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { zoneQuestionsTo } from '../db/repos/outbox.js';
import { settlePrompt } from './settle-prompt.js';
import type { ZoneNotice } from './zone-notice.js';

/**
 * Once a person chose their time zone, the prompt that asked for it ("Set my time zone", on their
 * first prompt whose zone was assumed) says which they chose, in place of the button: one edit of
 * each such prompt per zone chosen, drawn from what it shows now (answered, skipped or not), in
 * the transaction that saves the zone.
 */
export async function settleZoneQuestions(
  tx: Queryable,
  teamIds: readonly string[],
  userId: string,
  zone: string,
  now: Date,
): Promise<void> {
  for (const asked of await zoneQuestionsTo(tx, teamIds, userId)) {
    await settlePrompt<{ zone?: ZoneNotice }>(
      tx,
      { teamId: asked.teamId, key: asked.key, view: asked.view, edit: `zone:${randomUUID()}`, now },
      (shown) =>
        !shown.zone || shown.zone.chosen === zone
          ? undefined
          : { ...shown, zone: { ...shown.zone, ask: false, chosen: zone } },
    );
  }
}
