import type { App } from '@slack/bolt';
import type { Directory, SlackUser } from '../../../people/directory.js';
import type { RitualsService } from '../../../rituals/rituals-service.js';

/** A profile change (a new time zone, a deactivation) reaches the directory and the schedule. */
export function registerUserChangeEvent(
  app: App,
  deps: { directory: Directory; rituals: RitualsService },
): void {
  app.event('user_change', async ({ event, body, context }) => {
    const teamId = context.teamId ?? body.team_id;
    const person = await deps.directory.remember(teamId, event.user as SlackUser);
    if (person) await deps.rituals.personChanged(teamId, person);
  });
}
