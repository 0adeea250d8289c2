import type { App } from '@slack/bolt';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import type { RitualsService } from '../../../rituals/rituals-service.js';
import {
  defaultSettingsOf,
  parseSettings,
  RITUAL_KIND_NAMES,
  type RitualKindName,
  settingsAsKind,
  settingsOfRitual,
} from '../../../rituals/settings.js';
import type { Background } from '../../background.js';
import type { Outbox } from '../../outbox.js';
import { RITUAL_SETTINGS } from '../../ids.js';
import { ritualSettingsModal } from '../../views/rituals/modal.js';
import {
  decodeSettingsMetadata,
  formError,
  readSettingsForm,
  settingsErrorsByBlock,
} from '../../views/rituals/settings-form.js';
import { ritualCreated } from '../../views/rituals/replies.js';
import { type FormErrors, type SubmittedView, viewSubmission } from '../view-submission.js';
import { channelRecords, type RecordSetDeps } from '../record-set.js';

type Actor = { teamId: string; channelId: string; userId: string };

const STALE_FORM = 'This form is out of date and nothing was saved. Open it again with `/rituals`.';

/**
 * The settings form for a channel: a new ritual, or ritual `ritualId` filled in; drawn for `kind`
 * when one was chosen in the form, else for the ritual's own kind (a stand-up when new).
 */
export async function settingsModalFor(
  rituals: RitualsService,
  actor: Actor,
  options: { ritualId?: number; kind?: RitualKindName; notice?: string } = {},
) {
  const { existing, editing } = await rituals.forSettings(actor, options.ritualId);
  const settings = editing ? settingsOfRitual(editing) : defaultSettingsOf(options.kind ?? 'standup');
  return ritualSettingsModal({
    channelId: actor.channelId,
    ritualId: editing?.id,
    settings: options.kind ? settingsAsKind(settings, options.kind) : settings,
    existing,
    notice: options.notice,
  });
}

/**
 * The settings form's submission: checked field by field (errors shown on the form, nothing saved),
 * saved before the form closes, then the person hears what changed and the participants' slots follow.
 */
export function registerRitualSettingsView(
  app: App,
  deps: { rituals: RitualsService; background: Background; outbox: Outbox; log: Logger } & RecordSetDeps,
): void {
  app.view(
    RITUAL_SETTINGS.view,
    viewSubmission(deps.log, settingsErrors, async ({ view, body, context }) => {
      const metadata = decodeSettingsMetadata(view.private_metadata);
      if (!metadata) {
        if (Object.keys(view.state.values).length === 0) return undefined;
        throw new UserError(STALE_FORM, 'stale_form');
      }
      const teamId = await channelRecords(deps, context, metadata.channelId);
      const { ritualId } = metadata;
      const parsed = parseSettings(readSettingsForm(view.state.values, metadata));
      if (!parsed.ok) {
        return { response_action: 'errors', errors: settingsErrorsByBlock(parsed.errors, metadata) };
      }
      if (parsed.settings.kind !== metadata.kind) {
        // The kind was changed but the form has not been redrawn for it yet: its fields are the old kind's.
        const kind = RITUAL_KIND_NAMES[parsed.settings.kind];
        throw new UserError(`The form is switching to ${kind}: check its fields, then save again.`);
      }
      const actor = { teamId, channelId: metadata.channelId, userId: body.user.id };
      const ritual =
        ritualId === undefined
          ? await deps.rituals.create(actor, parsed.settings)
          : await deps.rituals.update(actor, ritualId, parsed.settings);
      deps.background.run('ritual participants', () => deps.rituals.syncParticipants(teamId, ritual.id));
      await deps.outbox.tellPrivately(
        actor,
        ritualCreated(ritual, ritualId === undefined ? 'set' : 'changed'),
        `ritual-saved:${view.id}:${view.hash}`,
      );
      return undefined;
    }),
  );
}

/** A refusal on the form's kind field; on its first block when the form is too stale to read. */
function settingsErrors(error: UserError, view: SubmittedView): FormErrors {
  const metadata = decodeSettingsMetadata(view.private_metadata);
  if (metadata) return formError(error.userMessage, metadata);
  const firstBlock = Object.keys(view.state.values)[0];
  return firstBlock ? { [firstBlock]: error.userMessage } : {};
}
