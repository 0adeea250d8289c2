import type { App } from '@slack/bolt';
import type { Directory, SlackUser } from '../../../people/directory.js';
import type { PrivacyService } from '../../../privacy/privacy-service.js';
import type { RitualsService } from '../../../rituals/rituals-service.js';
import type { RecordSetDeps } from '../record-set.js';

/**
 * A profile change (a new time zone, a deactivation) reaches the directory and the schedule. With
 * FORGET_DEACTIVATED, a deactivation (user_change's user object with `deleted: true`,
 * docs.slack.dev/reference/events/user_change) erases the member instead, in every record set the
 * workspace reaches, with 'rapport' as the audit log's actor. Nothing of them is stored first, so
 * the same event delivered again finds nothing left and changes nothing.
 */
export function registerUserChangeEvent(
  app: App,
  deps: { directory: Directory; rituals: RitualsService; privacy: PrivacyService } & RecordSetDeps,
): void {
  app.event('user_change', async ({ event, body, context }) => {
    const installed = context.teamId ?? context.enterpriseId ?? body.team_id;
    const user = event.user as SlackUser;
    if (user.deleted === true && deps.privacy.forgetsDeactivated && typeof user.id === 'string') {
      if (installed) {
        await deps.privacy.forget({
          installedTeamId: installed,
          userId: user.id,
          requester: { kind: 'rapport' },
        });
      }
      return;
    }
    // The person as the workspace knows them, and in each channel it shares with other
    // organisations, whose records are their own set.
    for (const teamId of await deps.records.reachableFrom(installed)) {
      const person = await deps.directory.remember(teamId, user);
      if (person) await deps.rituals.personChanged(teamId, person);
    }
  });
}
