import type { App } from '@slack/bolt';
import type { Directory, SlackUser } from '../../../people/directory.js';
import type { RitualsService } from '../../../rituals/rituals-service.js';
import type { RecordSetDeps } from '../record-set.js';

/** A profile change (a new time zone, a deactivation) reaches the directory and the schedule. */
export function registerUserChangeEvent(
  app: App,
  deps: { directory: Directory; rituals: RitualsService } & RecordSetDeps,
): void {
  app.event('user_change', async ({ event, body, context }) => {
    const installed = context.teamId ?? context.enterpriseId ?? body.team_id;
    // The person as the workspace knows them, and in each channel it shares with other
    // organisations, whose records are their own set.
    for (const teamId of await deps.records.reachableFrom(installed)) {
      const person = await deps.directory.remember(teamId, event.user as SlackUser);
      if (person) await deps.rituals.personChanged(teamId, person);
    }
  });
}
