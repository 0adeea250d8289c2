import type { App, BlockButtonAction } from '@slack/bolt';
import type { Clock } from '../../../clock.js';
import type { HomeService } from '../../../home/home-service.js';
import type { Logger } from '../../../logger.js';
import type { ActionItemsService } from '../../../retros/action-items.js';
import type { RetroService } from '../../../retros/retros-service.js';
import type { Background } from '../../background.js';
import { publishHome } from '../../home.js';
import { HOME } from '../../ids.js';
import { idFromValue } from '../../id-value.js';
import { blockAction } from '../block-action.js';
import type { Outbox } from '../../outbox.js';
import { installedTeam, rowRecords, type RecordSetDeps } from '../record-set.js';

/** The Home tab's own buttons: each changes one thing, then the tab is drawn again to show it. */
export function registerHomeActions(
  app: App,
  deps: {
    home: HomeService;
    clock: Clock;
    actionItems: ActionItemsService;
    retros: RetroService;
    background: Background;
    outbox: Outbox;
    log: Logger;
  } & RecordSetDeps,
): void {
  app.action<BlockButtonAction>(
    HOME.actionDone,
    blockAction(deps, async ({ body, action, client, context }) => {
      const itemId = idFromValue(action.value);
      if (itemId === undefined) return;
      const teamId = await rowRecords(deps, context, 'action_items', itemId);
      // The tab is drawn again whatever the answer: an item gone meanwhile disappears from it.
      try {
        const { item, marked } = await deps.actionItems.done({
          teamId,
          ownerOnly: true,
          itemId,
          userId: body.user.id,
        });
        if (marked) {
          deps.background.run('retro items', () => deps.retros.refreshOpenRetroOf(teamId, item.channel_id));
        }
      } finally {
        await publishHome(deps, client, installedTeam(context), body.user.id);
      }
    }),
  );

  app.action<BlockButtonAction>(
    HOME.kudosDms,
    blockAction(deps, async ({ body, action, client, context }) => {
      if (action.value !== 'on' && action.value !== 'off') return;
      const teamId = installedTeam(context);
      await deps.home.setKudosDms(teamId, body.user.id, action.value === 'on');
      await publishHome(deps, client, teamId, body.user.id);
    }),
  );
}
