import type { App } from '@slack/bolt';
import type { Clock } from '../../../clock.js';
import type { HomeService } from '../../../home/home-service.js';
import type { Logger } from '../../../logger.js';
import type { RitualsService } from '../../../rituals/rituals-service.js';
import type { UserError } from '../../../errors.js';
import type { Background } from '../../background.js';
import { refreshHomeLater } from '../../home.js';
import { TIME_ZONE } from '../../ids.js';
import { timeZoneSaved } from '../../views/people/time-zone.js';
import { viewSubmission } from '../view-submission.js';
import { installedTeam } from '../record-set.js';

/**
 * The time-zone form: a typed zone wins over the picked one; nothing given, or a name that is not a
 * zone, is refused on the form and changes nothing. Saved, the modal says "got it" (only the person
 * sees it), and the Home tab is drawn again when the form came from there.
 */
export function registerTimeZoneView(
  app: App,
  deps: { rituals: RitualsService; home: HomeService; clock: Clock; background: Background; log: Logger },
): void {
  const errorsFor = (error: UserError) => ({
    [error.code === 'no_zone' ? TIME_ZONE.pickBlock : TIME_ZONE.typedBlock]: error.userMessage,
  });
  app.view(
    TIME_ZONE.view,
    viewSubmission(deps.log, errorsFor, async ({ view, body, client, context }) => {
      // A person's zone is theirs: saved in their workspace's installation, it holds in the
      // channels that workspace shares too.
      const teamId = installedTeam(context);
      const values = view.state.values;
      const typed = values[TIME_ZONE.typedBlock]?.[TIME_ZONE.input]?.value?.trim() ?? '';
      const picked = values[TIME_ZONE.pickBlock]?.[TIME_ZONE.input]?.selected_option?.value ?? '';
      const saved = await deps.rituals.choosePersonZone(teamId, body.user.id, typed || picked);
      if (view.private_metadata === 'home') refreshHomeLater(deps, client, teamId, body.user.id);
      return { response_action: 'update', view: timeZoneSaved({ ...saved, now: deps.clock.now() }) };
    }),
  );
}
