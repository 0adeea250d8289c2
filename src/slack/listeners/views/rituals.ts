import type { App } from '@slack/bolt';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import type { RitualsService } from '../../../rituals/rituals-service.js';
import { DEFAULT_SETTINGS, parseSettings, settingsOfRitual } from '../../../rituals/settings.js';
import type { Background } from '../../background.js';
import { tellPrivately } from '../../tell-privately.js';
import { RITUAL_SETTINGS } from '../../ids.js';
import { ritualSettingsModal } from '../../views/rituals/modal.js';
import {
  decodeSettingsMetadata,
  formError,
  readSettingsForm,
  settingsErrorsByBlock,
} from '../../views/rituals/settings-form.js';
import { ritualCreated } from '../../views/rituals/replies.js';

type Actor = { teamId: string; channelId: string; userId: string };

const STALE_FORM = 'This form is out of date and nothing was saved. Open it again with `/rituals`.';

/** The settings form for a channel: a new ritual, or ritual `ritualId` filled in. */
export async function settingsModalFor(
  rituals: RitualsService,
  actor: Actor,
  ritualId?: number,
  notice?: string,
) {
  const { existing, editing } = await rituals.forSettings(actor, ritualId);
  return ritualSettingsModal({
    channelId: actor.channelId,
    ritualId: editing?.id,
    settings: editing ? settingsOfRitual(editing) : DEFAULT_SETTINGS,
    existing,
    notice,
  });
}

/**
 * The settings form's submission: checked field by field (errors shown on the form, nothing saved),
 * saved before the form closes, then the person hears what changed and the participants' slots follow.
 */
export function registerRitualSettingsView(
  app: App,
  deps: { rituals: RitualsService; background: Background; log: Logger },
): void {
  app.view(RITUAL_SETTINGS.view, async ({ ack, view, body, client }) => {
    const metadata = decodeSettingsMetadata(view.private_metadata);
    const teamId = body.team?.id ?? view.team_id;
    if (!metadata || !teamId) {
      const firstBlock = Object.keys(view.state.values)[0];
      await ack(firstBlock ? { response_action: 'errors', errors: { [firstBlock]: STALE_FORM } } : undefined);
      return;
    }
    const { ritualId } = metadata;
    const parsed = parseSettings(readSettingsForm(view.state.values, ritualId));
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: settingsErrorsByBlock(parsed.errors, ritualId) });
      return;
    }
    const actor = { teamId, channelId: metadata.channelId, userId: body.user.id };
    let saved;
    try {
      saved =
        ritualId === undefined
          ? await deps.rituals.create(actor, parsed.settings)
          : await deps.rituals.update(actor, ritualId, parsed.settings);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      await ack({ response_action: 'errors', errors: formError(error.userMessage, ritualId) });
      return;
    }
    await ack();
    const ritual = saved;
    deps.background.run('ritual participants', () => deps.rituals.syncParticipants(teamId, ritual.id));
    deps.background.run('ritual settings reply', () =>
      tellPrivately(client, actor, ritualCreated(ritual, ritualId === undefined ? 'set' : 'changed')),
    );
  });
}
