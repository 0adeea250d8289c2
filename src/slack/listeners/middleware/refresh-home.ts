import type { AnyMiddlewareArgs, App } from '@slack/bolt';
import type { Clock } from '../../../clock.js';
import type { HomeService } from '../../../home/home-service.js';
import type { Background } from '../../background.js';
import { publishHome } from '../../home.js';
import { CREDITS } from '../../ids.js';

/** The answers that change what a person's Home tab shows about their credits. */
const CREDIT_ANSWERS = new Set<string>([CREDITS.confirm, CREDITS.decline]);

/** Which person's Home tab a request changed, if any: credit answers, from their DM or the tab. */
function homeChangedBy(body: AnyMiddlewareArgs['body']): { teamId: string; userId: string } | undefined {
  const b = body as {
    type?: string;
    team?: { id?: string } | null;
    user?: { id?: string; team_id?: string };
    actions?: { action_id?: string }[];
    view?: { callback_id?: string };
  };
  const changed =
    (b.type === 'block_actions' && b.actions?.some((a) => CREDIT_ANSWERS.has(a.action_id ?? ''))) ||
    (b.type === 'view_submission' && b.view?.callback_id === CREDITS.correctView);
  const teamId = b.team?.id ?? b.user?.team_id;
  return changed && teamId && b.user?.id ? { teamId, userId: b.user.id } : undefined;
}

/**
 * After a person answers a credit (from the DM or from the Home tab itself), their Home tab is
 * drawn again, so the answer shows there at once; in the background, after Slack has its reply.
 */
export function registerHomeRefresh(
  app: App,
  deps: { home: HomeService; clock: Clock; background: Background },
): void {
  app.use(async ({ body, next, client }) => {
    await next();
    const who = homeChangedBy(body);
    if (who) {
      deps.background.run('home tab', () => publishHome(deps, client, who.teamId, who.userId));
    }
  });
}
