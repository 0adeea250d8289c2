import type { App } from '@slack/bolt';
import type { Logger } from '../../../logger.js';
import type { Background } from '../../background.js';
import { parseRitualsCommand } from '../../../rituals/parse-command.js';
import type { RitualsService } from '../../../rituals/rituals-service.js';
import { COMMANDS } from '../../ids.js';
import {
  ritualChanged,
  ritualCreated,
  ritualRemoved,
  ritualRunning,
  ritualSkipped,
  ritualsHelp,
  ritualsList,
} from '../../views/rituals/replies.js';
import { openModalThenFill } from '../../open-modal.js';
import { ritualSettingsTitle } from '../../views/rituals/modal.js';
import { slashCommand } from '../slash-command.js';
import { installedTeam, type RecordSetDeps } from '../record-set.js';
import type { PartnerNotices } from '../../partner-notice.js';
import { settingsModalFor } from '../views/rituals.js';
import { randomUUID } from 'node:crypto';
import type { PlaybookService } from '../../../rituals/playbook-service.js';
import { playbookModal, playbookTitle } from '../../views/rituals/playbook.js';

export function registerRitualsCommand(
  app: App,
  deps: {
    rituals: RitualsService;
    playbooks: PlaybookService;
    background: Background;
    log: Logger;
    runNow: () => Promise<void>;
    partners: PartnerNotices;
  } & RecordSetDeps,
): void {
  const { rituals, background } = deps;
  const syncLater = (teamId: string, id: number) =>
    background.run('ritual participants', () => rituals.syncParticipants(teamId, id));
  app.command(
    COMMANDS.rituals,
    slashCommand(deps, async ({ command, client, context }, recordsOf) => {
      const actorOf = async () => ({
        teamId: await recordsOf(),
        channelId: command.channel_id,
        userId: command.user_id,
      });
      const parsed = parseRitualsCommand(command.text);
      if (parsed.kind === 'help') return ritualsHelp();
      if (parsed.kind === 'playbook') {
        // The confirmation opens within the trigger's 3 seconds, filled once the plan is read.
        const { kind: _kind, ...request } = parsed;
        await openModalThenFill(
          { client, log: deps.log },
          { triggerId: command.trigger_id, title: playbookTitle },
          async () =>
            playbookModal(await deps.playbooks.plan(await actorOf(), request), {
              ...request,
              channelId: command.channel_id,
              token: randomUUID(),
            }),
        );
        return undefined;
      }
      if (parsed.kind === 'form') {
        // The form opens within the trigger's 3 seconds, filled once the channel's rituals are read.
        await openModalThenFill(
          { client, log: deps.log },
          { triggerId: command.trigger_id, title: ritualSettingsTitle(parsed.id) },
          async () => settingsModalFor(rituals, await actorOf(), { ritualId: parsed.id }),
        );
        return undefined;
      }
      const actor = await actorOf();
      switch (parsed.kind) {
        case 'list':
          return ritualsList(await rituals.list(actor));
        case 'create': {
          const ritual =
            parsed.ritual === 'standup'
              ? await rituals.createStandup(actor, parsed.schedule)
              : await rituals.createCadenced(actor, parsed.ritual, parsed.schedule);
          syncLater(actor.teamId, ritual.id);
          // In a shared channel, an organisation without Rapport hears what its people can do already.
          background.run('partner notice', () =>
            deps.partners.tellChannel(actor.teamId, actor.channelId, installedTeam(context)),
          );
          return ritualCreated(ritual);
        }
        case 'pause':
        case 'resume': {
          const ritual = await rituals.setPaused(actor, parsed.id, parsed.kind === 'pause');
          if (parsed.kind === 'resume') syncLater(actor.teamId, ritual.id);
          return ritualChanged(ritual, parsed.kind === 'pause' ? 'paused' : 'resumed');
        }
        case 'skip': {
          const { ritual, added } = await rituals.skip(actor, parsed.id, parsed.date);
          return ritualSkipped(ritual, parsed.date, added);
        }
        case 'run': {
          const run = await rituals.runNow(actor, parsed.id);
          // The scheduler sends the prompts now, as at any due time: claimed once, through the outbox.
          background.run('run ritual now', deps.runNow);
          return ritualRunning({ ritual: run.ritual, dates: run.dates, people: run.people });
        }
        case 'remove':
          return ritualRemoved(await rituals.remove(actor, parsed.id));
      }
    }),
  );
}
