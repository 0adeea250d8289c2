import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { EscalationLevel } from '../../../charter/charter-text.js';
import type { RaisedLevel } from '../../../db/repos/escalations.js';
import { parseEscalationForm, parseResolveForm } from '../../../escalations/escalation-form.js';
import type { EscalationsService } from '../../../escalations/escalations-service.js';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import { ESCALATIONS, escalationBlockId } from '../../ids.js';
import type { Outbox } from '../../outbox.js';
import { peopleOfGroups } from '../../user-groups.js';
import { escalationRaised } from '../../views/escalations/messages.js';
import {
  decodeEscalationMetadata,
  decodeResolveMetadata,
  type EscalationFormState,
  escalationErrorsByBlock,
  readEscalationForm,
  readResolveForm,
} from '../../views/escalations/modal.js';
import { channelRecords, type RecordSetDeps, rowRecords } from '../record-set.js';
import { viewSubmission } from '../view-submission.js';

const STALE = 'This form is out of date and nothing was saved. Type `/escalate` again.';

/**
 * Each level's owners as people: a user group is expanded with usergroups.users.list, as /gave does,
 * with the token of the workspace the form came through, when the escalation is raised.
 */
async function ownersOf(client: WebClient, levels: EscalationLevel[]): Promise<RaisedLevel[]> {
  const raised: RaisedLevel[] = [];
  for (const l of levels) {
    const ids = [...l.sideA, ...l.sideB];
    const groups = ids.filter((id) => id.startsWith('S'));
    const people = ids.filter((id) => !id.startsWith('S'));
    const fromGroups = groups.length > 0 ? await peopleOfGroups(client, groups) : [];
    raised.push({
      level: l.level,
      owners: [...new Set([...people, ...fromGroups])],
      targetMinutes: l.targetMinutes,
    });
  }
  return raised;
}

/** The raise form and the resolve form: checked field by field, then saved once each. */
export function registerEscalationViews(
  app: App,
  deps: { escalations: EscalationsService; outbox: Outbox; log: Logger } & RecordSetDeps,
): void {
  app.view(
    ESCALATIONS.view,
    viewSubmission(
      deps.log,
      (error) => ({ [escalationBlockId('issue')]: error.userMessage }),
      async ({ view, body, context, client }) => {
        const metadata = decodeEscalationMetadata(view.private_metadata);
        if (!metadata) throw new UserError(STALE, 'stale_form');
        const read = readEscalationForm(view.state.values as EscalationFormState);
        const parsed = parseEscalationForm(read.form);
        if (!parsed.ok) return { response_action: 'errors', errors: escalationErrorsByBlock(parsed.errors) };
        const teamId = await channelRecords(deps, context, metadata.channelId);
        const actor = { teamId, channelId: metadata.channelId, userId: body.user.id };
        const levels = await ownersOf(client, await deps.escalations.charterLevels(actor));
        const raised = await deps.escalations.raise(actor, {
          submissionId: metadata.submissionId,
          sourceTs: metadata.sourceTs,
          threadTs: metadata.threadTs,
          private: read.private,
          text: parsed.text,
          levels,
        });
        if (raised.created) {
          await deps.outbox.tellPrivately(
            actor,
            escalationRaised(raised.escalation.id, raised.escalation.private),
            `escalation-raised:${raised.escalation.id}`,
          );
        }
        return undefined;
      },
    ),
  );

  app.view(
    ESCALATIONS.resolveView,
    viewSubmission(
      deps.log,
      (error) => ({ [escalationBlockId('agreed')]: error.userMessage }),
      async ({ view, body, context }) => {
        const metadata = decodeResolveMetadata(view.private_metadata);
        if (!metadata) throw new UserError(STALE, 'stale_form');
        const parsed = parseResolveForm(readResolveForm(view.state.values as EscalationFormState));
        if (!parsed.ok) return { response_action: 'errors', errors: escalationErrorsByBlock(parsed.errors) };
        const teamId = await rowRecords(deps, context, 'escalations', metadata.id);
        await deps.escalations.resolve({ teamId, userId: body.user.id }, metadata.id, {
          submissionId: metadata.submissionId,
          agreed: parsed.agreed,
          reason: parsed.reason,
        });
        return undefined;
      },
    ),
  );
}
