import type { App } from '@slack/bolt';
import type { HealthService } from '../../../health/health-service.js';
import type { ResponsivenessService } from '../../../health/responsiveness-service.js';
import type { ImpactReports } from '../../../health/impact-report.js';
import type { Background } from '../../background.js';
import { parseHealthCommand } from '../../../health/parse-command.js';
import type { Logger } from '../../../logger.js';
import { HEALTH } from '../../ids.js';
import { context as contextBlock, plainMessage, type SlackMessage } from '../../views/blocks.js';
import { healthHelp, historyMessage, sidesMessage } from '../../views/health/replies.js';
import { responsivenessReply } from '../../views/health/responsiveness.js';
import { scorecardMessage } from '../../views/health/scorecard.js';
import { slashCommand } from '../slash-command.js';
import { installedTeam, type RecordSetDeps } from '../record-set.js';
import type { PartnerNotices } from '../../partner-notice.js';

/** `/health`: the channel's scorecard now, the digest posted now, its history and its sides. */
export function registerHealthCommand(
  app: App,
  deps: {
    health: HealthService;
    responsiveness: ResponsivenessService;
    reports: ImpactReports;
    background: Background;
    log: Logger;
    partners: PartnerNotices;
  } & RecordSetDeps,
): void {
  const { health } = deps;
  app.command(
    HEALTH.command,
    slashCommand(deps, async ({ command, context }, recordsOf) => {
      const teamId = await recordsOf();
      const { channel_id: channelId, user_id: userId } = command;
      const parsed = parseHealthCommand(command.text);
      switch (parsed.kind) {
        case 'help':
          return healthHelp();
        case 'scorecard': {
          const card = await health.now(teamId, channelId);
          return scorecardMessage({ ...card, title: 'Alliance health, last 7 days' });
        }
        case 'post': {
          const queued = await health.post(teamId, channelId);
          // The outbox posts it as soon as it is queued: once, then the chart in its thread.
          return plainMessage(
            queued
              ? "Posting this channel's health digest for the last 7 days, with its chart in the thread."
              : 'The digest for this minute is already on its way.',
          );
        }
        case 'history':
          return historyMessage(channelId, await health.history(teamId, channelId));
        case 'sides':
          if (parsed.declare !== undefined) {
            await health.declareSides({ teamId, channelId, userId }, parsed.declare);
          }
          return withNote(
            sidesMessage(await health.sides(teamId, channelId), parsed.declare !== undefined),
            await deps.partners.noteFor(teamId, channelId, installedTeam(context)),
          );
        case 'report': {
          const period = deps.reports.period(parsed.period);
          // Slack names a private channel "privategroup" in a command (and a DM "directmessage").
          const named = /^(privategroup|directmessage)$/.test(command.channel_name)
            ? channelId
            : command.channel_name;
          const request = { teamId, channelId, channelName: named, userId, period };
          // Printing the PDF takes a few seconds: Slack is answered at once, the report follows.
          deps.background.run('impact report', () => deps.reports.post(request));
          return plainMessage(
            `Making the impact report of <#${channelId}> for ${period.name}${period.toDate ? ' (to date)' : ''}: it is posted here in a moment, as a PDF in the thread of its message.`,
          );
        }
        case 'responsiveness': {
          const actor = { teamId, channelId, userId };
          if (!parsed.change)
            return responsivenessReply(channelId, await deps.responsiveness.status(teamId, channelId));
          const { did, status } = await deps.responsiveness.change(actor, parsed.change);
          return responsivenessReply(channelId, status, did);
        }
      }
    }),
  );
}

/** A reply with a closing note under it, when there is one. */
function withNote(reply: SlackMessage, note: string | undefined): SlackMessage {
  return note ? { ...reply, blocks: [...reply.blocks, contextBlock(`:handshake: ${note}`)] } : reply;
}
