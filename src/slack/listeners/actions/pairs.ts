import type { App, BlockButtonAction } from '@slack/bolt';
import type { Logger } from '../../../logger.js';
import type { PairsService } from '../../../pairs/pairs-service.js';
import { PAIRS } from '../../ids.js';
import type { Outbox } from '../../outbox.js';
import { decodeGroupRef, pairsCheck } from '../../views/pairs/messages.js';
import { alreadyMet, pairsJoined, pairsLeft } from '../../views/pairs/replies.js';
import { type ActionArgs, blockAction } from '../block-action.js';
import { channelRecords, installedTeam, type RecordSetDeps, rowRecords } from '../record-set.js';
import { tellActor } from '../tell-actor.js';

/**
 * The pairs' buttons: Join and Leave on the channel's introduction (for whoever presses them, in
 * that channel), and "We met" on a group's halfway question, which only its members may press:
 * the message then says who said so, for the whole group.
 */
export function registerPairsActions(
  app: App,
  deps: { pairs: PairsService; log: Logger; outbox: Outbox } & RecordSetDeps,
): void {
  const answer = (join: boolean) => async (args: ActionArgs) => {
    const channelId = args.body.channel?.id;
    if (!channelId || args.action.value !== channelId) return;
    const who = {
      teamId: await channelRecords(deps, args.context, channelId),
      channelId,
      userId: args.body.user.id,
      workspaceId: installedTeam(args.context),
    };
    const reply = join
      ? pairsJoined(channelId, await deps.pairs.join(who))
      : pairsLeft(channelId, await deps.pairs.leave(who));
    await tellActor(deps.outbox, args, reply);
  };
  app.action<BlockButtonAction>(PAIRS.join, blockAction(deps, answer(true)));
  app.action<BlockButtonAction>(PAIRS.leave, blockAction(deps, answer(false)));

  app.action<BlockButtonAction>(
    PAIRS.met,
    blockAction(deps, async (args) => {
      const ref = decodeGroupRef(args.action.value);
      if (!ref) return;
      const teamId = await rowRecords(deps, args.context, 'rituals', ref.ritualId);
      const { marked, group, at } = await deps.pairs.met({ teamId, ...ref, userId: args.body.user.id });
      if (!marked) return tellActor(deps.outbox, args, alreadyMet());
      // The group's own message says it, for all of them: through the click's response_url.
      await args.respond({
        replace_original: true,
        ...pairsCheck({
          ...ref,
          channelId: group.channel_id,
          members: group.members,
          met: { by: args.body.user.id, at: at.toISOString() },
        }),
      });
    }),
  );
}
