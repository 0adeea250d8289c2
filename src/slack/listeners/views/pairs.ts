import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import type { PairsService } from '../../../pairs/pairs-service.js';
import { parseSkillsForm } from '../../../pairs/skills-service.js';
import { slackErrorCode } from '../../errors.js';
import { PAIRS, pairsSkillsBlockId } from '../../ids.js';
import {
  decodeSkillsMetadata,
  readSkillsForm,
  skillsErrorsByBlock,
  skillsSaved,
} from '../../views/pairs/skills.js';
import { channelRecords, installedTeam, type RecordSetDeps } from '../record-set.js';
import { viewSubmission } from '../view-submission.js';

const STALE_FORM = 'This form is out of date and nothing was saved. Open it again with `/pairs skills`.';

/**
 * The skills form's submission (`/pairs skills`): checked field by field (a problem is shown on its
 * field, nothing saved), then saved with the person's Slack profile title (read now, through this
 * request's installation: the directory does not keep titles) and, if they had not joined the
 * channel's pairs, joining them. A form Slack delivers twice is saved once (its one-time id).
 */
export function registerPairsViews(
  app: App,
  deps: { pairs: PairsService; log: Logger } & RecordSetDeps,
): void {
  const errorsFor = (error: UserError) => ({ [pairsSkillsBlockId('offersOther')]: error.userMessage });
  app.view(
    PAIRS.skillsView,
    viewSubmission(deps.log, errorsFor, async ({ view, body, context, client }) => {
      const metadata = decodeSkillsMetadata(view.private_metadata);
      if (!metadata) throw new UserError(STALE_FORM, 'stale_form');
      const parsed = parseSkillsForm(readSkillsForm(view.state.values));
      if (!parsed.ok) return { response_action: 'errors', errors: skillsErrorsByBlock(parsed.errors) };
      const who = {
        teamId: await channelRecords(deps, context, metadata.channelId),
        channelId: metadata.channelId,
        userId: body.user.id,
        workspaceId: installedTeam(context),
      };
      const title = await titleOf(client, body.user.id, deps.log);
      const { joined } = await deps.pairs.skills.save(who, {
        offers: parsed.offers,
        wants: parsed.wants,
        title,
        submissionId: metadata.submissionId,
      });
      return {
        response_action: 'update',
        view: skillsSaved({
          channelId: metadata.channelId,
          offers: parsed.offers,
          wants: parsed.wants,
          joined,
        }),
      };
    }),
  );
}

/** Their Slack profile title, for seniority; undefined (the stored one is kept) when Slack does not say. */
async function titleOf(client: WebClient, userId: string, log: Logger): Promise<string | undefined> {
  try {
    const answer = await client.users.info({ user: userId });
    const title = answer.user?.profile?.title;
    return typeof title === 'string' ? title.trim().slice(0, 200) : undefined;
  } catch (error) {
    log.info(
      { userId, error: slackErrorCode(error) },
      'could not read a profile title for skill-share pairs',
    );
    return undefined;
  }
}
