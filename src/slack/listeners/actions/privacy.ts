import type { App, BlockButtonAction } from '@slack/bolt';
import type { Logger } from '../../../logger.js';
import { requireAdmin } from '../../../people/admins.js';
import type { Directory } from '../../../people/directory.js';
import type { PrivacyService } from '../../../privacy/privacy-service.js';
import { RAPPORT } from '../../ids.js';
import type { Outbox } from '../../outbox.js';
import { forgetMeDone } from '../../views/privacy/forget-me.js';
import { blockAction } from '../block-action.js';
import { requireDeactivated } from '../deactivated.js';
import { installedTeam } from '../record-set.js';
import { tellActor } from '../tell-actor.js';

/**
 * `/rapport forget-me`'s button, once its confirmation dialog was accepted: erases the person who
 * clicked, or (value set) the deactivated member an admin named, checked again at the click. A
 * second click finds nothing left and says so; the audit log has one entry.
 */
export function registerPrivacyActions(
  app: App,
  deps: { privacy: PrivacyService; directory: Directory; outbox: Outbox; log: Logger },
): void {
  app.action<BlockButtonAction>(
    RAPPORT.forgetMe,
    blockAction(deps, async (args) => {
      const { body, action, client, context } = args;
      const installedTeamId = installedTeam(context);
      const target = action.value ? action.value : undefined;
      let result;
      if (target === undefined) {
        result = await deps.privacy.forget({
          installedTeamId,
          userId: body.user.id,
          requester: { kind: 'self' },
        });
      } else {
        await requireAdmin(deps.directory, installedTeamId, body.user.id, "erase another member's data");
        await requireDeactivated(client, target);
        result = await deps.privacy.forget({
          installedTeamId,
          userId: target,
          requester: { kind: 'admin', adminId: body.user.id },
        });
      }
      const reply = forgetMeDone(result, target);
      // Under the confirmation (its response_url). Never by DM to someone just erased: the outbox
      // would keep their id again.
      if (body.response_url)
        await args.respond({ response_type: 'ephemeral', replace_original: true, ...reply });
      else if (target !== undefined) await tellActor(deps.outbox, args, reply);
    }),
  );
}
