import type { App } from '@slack/bolt';
import type { Logger } from '../../../logger.js';
import type { Outbox } from '../../outbox.js';
import type { ActionItemsService } from '../../../retros/action-items.js';
import type { DebriefService } from '../../../retros/debriefs.js';
import { newFormToken } from '../../../retros/notes.js';
import { parseRetroCommand, RETRO_USAGE } from '../../../retros/parse-command.js';
import type { RetroService } from '../../../retros/retros-service.js';
import type { Background } from '../../background.js';
import { RETRO } from '../../ids.js';
import { escapeMrkdwn, plainMessage } from '../../views/blocks.js';
import { actionItemLine } from '../../views/retros/message.js';
import { debriefModal } from '../../views/retros/modal.js';
import { actionsReply, archiveReply, mineReply } from '../../views/retros/replies.js';
import { slashCommand } from '../slash-command.js';
import type { RecordSetDeps } from '../record-set.js';

export type RetroListenerDeps = RecordSetDeps & {
  retros: RetroService;
  actionItems: ActionItemsService;
  debriefs: DebriefService;
  background: Background;
  outbox: Outbox;
  log: Logger;
};

/** `/retro`: start, close, your notes, action items, debriefs. */
export function registerRetroCommand(app: App, deps: RetroListenerDeps): void {
  app.command(
    RETRO.command,
    slashCommand(deps, async ({ command, client }, recordsOf) => {
      const parsed = parseRetroCommand(command.text);
      if (parsed.kind === 'help') return plainMessage(RETRO_USAGE);
      if (parsed.kind === 'debrief') {
        // Opened at once, within the trigger's 3 seconds: nothing to look up first.
        await client.views.open({
          trigger_id: command.trigger_id,
          view: debriefModal({
            ref: { channelId: command.channel_id, token: newFormToken() },
            project: parsed.project,
          }),
        });
        return undefined;
      }
      const who = { teamId: await recordsOf(), channelId: command.channel_id, userId: command.user_id };
      switch (parsed.kind) {
        case 'start': {
          const { retro } = await deps.retros.start({
            ...who,
            title: parsed.title,
            startKey: command.trigger_id,
          });
          return plainMessage(
            `Started the retro “${escapeMrkdwn(retro.title)}”: everyone here can add notes from its message. \`/retro close\` posts the summary.`,
          );
        }
        case 'close': {
          const retro = await deps.retros.close(who);
          return plainMessage(
            `Closed the retro “${escapeMrkdwn(retro.title)}”: its summary is posted in the channel.`,
          );
        }
        case 'mine': {
          const { retro, notes } = await deps.retros.mine(who);
          return mineReply(retro, notes);
        }
        case 'actions':
          return actionsReply(await deps.actionItems.open(who.teamId, who.channelId));
        case 'action': {
          const item = await deps.actionItems.add({
            ...who,
            createdBy: who.userId,
            ownerId: parsed.ownerId,
            text: parsed.text,
            dueOn: parsed.dueOn,
            createKey: command.trigger_id,
          });
          if (!item) return plainMessage('That action item is already recorded.');
          return plainMessage(`Added: ${actionItemLine(item)}`);
        }
        case 'archive':
          return archiveReply(await deps.debriefs.archive(who.teamId, who.channelId));
      }
    }),
  );
}
