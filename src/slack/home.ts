import type { WebClient } from '@slack/web-api';
import type { Clock } from '../clock.js';
import type { HomeService } from '../home/home-service.js';
import type { Background } from './background.js';
import { withFormerMembers } from './views/former-members.js';
import { homeView } from './views/home/home.js';

/** Draws a person's Home tab afresh with views.publish. */
export async function publishHome(
  deps: { home: HomeService; clock: Clock },
  client: WebClient,
  teamId: string,
  userId: string,
): Promise<void> {
  const dashboard = await deps.home.dashboard(teamId, userId);
  await client.views.publish({
    user_id: userId,
    view: withFormerMembers(homeView(dashboard, deps.clock.now())),
  });
}

/**
 * Draws a person's Home tab again after something they did changed it (a credit answered, from
 * their DM or the tab itself), in the background, after Slack has its reply.
 */
export function refreshHomeLater(
  deps: { home: HomeService; clock: Clock; background: Background },
  client: WebClient,
  teamId: string,
  userId: string,
): void {
  deps.background.run('home tab', () => publishHome(deps, client, teamId, userId));
}
