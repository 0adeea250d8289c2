import type { App } from '@slack/bolt';
import type { Clock } from '../../../clock.js';
import type { HomeService } from '../../../home/home-service.js';
import { publishHome } from '../../home.js';

/** Opening the app's Home tab draws that person's dashboard; the Messages tab needs nothing. */
export function registerAppHomeEvent(app: App, deps: { home: HomeService; clock: Clock }): void {
  app.event('app_home_opened', async ({ event, body, context, client }) => {
    if (event.tab !== 'home') return;
    const teamId = context.teamId ?? body.team_id;
    await publishHome(deps, client, teamId, event.user);
  });
}
