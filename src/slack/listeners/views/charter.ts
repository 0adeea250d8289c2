import type { App } from '@slack/bolt';
import { type CharterStructureForm, parseCharter } from '../../../charter/charter-fields.js';
import type { CharterService } from '../../../charter/charter-service.js';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import type { Outbox } from '../../outbox.js';
import { CHARTER } from '../../ids.js';
import {
  charterErrorsByBlock,
  charterFormError,
  type CharterStructureTyped,
  decodeCharterMetadata,
  readCharterForm,
  readCharterStructure,
} from '../../views/charter/modal.js';
import type { WebClient } from '@slack/web-api';
import { charterBlockId } from '../../ids.js';
import { groupIdsOfHandles } from '../../user-groups.js';
import { charterUnchanged, STALE_CHARTER_FORM } from '../../views/charter/replies.js';
import { viewSubmission } from '../view-submission.js';
import { channelRecords, type RecordSetDeps } from '../record-set.js';

/**
 * The charter form's submission: checked part by part (errors shown on the form, nothing saved),
 * saved as a new version, with its channel message queued, before the form closes.
 */
export function registerCharterView(
  app: App,
  deps: { charter: CharterService; outbox: Outbox; log: Logger } & RecordSetDeps,
): void {
  const errorsFor = (error: UserError) => charterFormError(error.userMessage);
  app.view(
    CHARTER.view,
    viewSubmission(deps.log, errorsFor, async ({ view, body, context, client }) => {
      const metadata = decodeCharterMetadata(view.private_metadata);
      if (!metadata) throw new UserError(STALE_CHARTER_FORM, 'stale_form');
      const teamId = await channelRecords(deps, context, metadata.channelId);
      const structure = await withGroupIds(client, readCharterStructure(view.state.values));
      if ('errors' in structure) return { response_action: 'errors', errors: structure.errors };
      const parsed = parseCharter(readCharterForm(view.state.values), structure);
      if (!parsed.ok) return { response_action: 'errors', errors: charterErrorsByBlock(parsed.errors) };
      const actor = { teamId, channelId: metadata.channelId, userId: body.user.id };
      const saved = await deps.charter.save(actor, { ...metadata, text: parsed.charter });
      // A saved version is shown in the channel by the outbox; a repeated delivery was the first's.
      if (saved.kind === 'unchanged') {
        await deps.outbox.tellPrivately(
          actor,
          charterUnchanged(actor.channelId, saved.version.version),
          `charter-unchanged:${view.id}:${view.hash}`,
        );
      }
      return undefined;
    }),
  );
}

/** The typed user group handles as ids (S…); a handle no group of the workspace has is refused on its field. */
async function withGroupIds(
  client: WebClient,
  typed: CharterStructureTyped,
): Promise<CharterStructureForm | { errors: Record<string, string> }> {
  const all = typed.levels.flatMap((l) => [...l.groupsA, ...l.groupsB]);
  const { ids, unknown } = await groupIdsOfHandles(client, all);
  const errors: Record<string, string> = {};
  typed.levels.forEach((l, i) => {
    for (const [key, handles] of [
      ['A', l.groupsA],
      ['B', l.groupsB],
    ] as const) {
      const missing = handles.filter((h) => unknown.includes(h));
      if (missing.length > 0) {
        errors[charterBlockId(`level${i + 1}${key}Group`)] =
          `No user group of this workspace is called ${missing.join(', ')}. Type its @handle, or pick its people above.`;
      }
    }
  });
  if (Object.keys(errors).length > 0) return { errors };
  return {
    decisionRights: typed.decisionRights,
    reviewCadence: typed.reviewCadence,
    levels: typed.levels.map((l) => ({
      sideA: [...l.sideA, ...l.groupsA.map((h) => ids.get(h) ?? h)],
      sideB: [...l.sideB, ...l.groupsB.map((h) => ids.get(h) ?? h)],
      targetHours: l.targetHours,
    })),
  };
}
