import type { App } from '@slack/bolt';
import { UserError } from '../../../errors.js';
import { readDebrief } from '../../../retros/debriefs.js';
import { FieldError, readNote, requiredText } from '../../../retros/notes.js';
import { MAX_ACTION_LENGTH, parseDate } from '../../../retros/parse-command.js';
import { RETRO, type RetroFormBlock, retroBlockId } from '../../ids.js';
import { decodeFormRef } from '../../views/retros/modal.js';
import { viewSubmission } from '../view-submission.js';
import type { RetroListenerDeps } from '../commands/retros.js';
import { channelRecords, rowRecords, type RecordSetDeps } from '../record-set.js';

type Input = {
  value?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: { value?: string }[];
  selected_user?: string | null;
  selected_date?: string | null;
};
type Values = Record<string, Record<string, Input>>;

const field = (values: Values, block: RetroFormBlock): Input =>
  values[retroBlockId(block)]?.[RETRO.input] ?? {};
const STALE = 'This form is out of date; close it and open it again.';

/** A refusal as the form shows it: on the field it is about, or on `fallback`. */
const fieldErrors =
  (fallback: RetroFormBlock, byCode: Record<string, RetroFormBlock> = {}) =>
  (error: UserError) => {
    const block =
      error instanceof FieldError ? (error.field as RetroFormBlock) : (byCode[error.code] ?? fallback);
    return { [retroBlockId(block)]: error.userMessage };
  };

const stale = () => new UserError(STALE, 'stale_form');

/** The retro forms' submissions: stored before the form closes, posted after. */
export function registerRetroViews(app: App, deps: RetroListenerDeps & RecordSetDeps): void {
  app.view(
    RETRO.noteView,
    viewSubmission(deps.log, fieldErrors('note'), async ({ view, body, context }) => {
      const ref = decodeFormRef(view.private_metadata);
      if (!ref?.retroId) throw stale();
      const teamId = await rowRecords(deps, context, 'retros', ref.retroId);
      const values = view.state.values as Values;
      const note = readNote({
        category: field(values, 'category').selected_option?.value,
        body: field(values, 'note').value ?? undefined,
        share: (field(values, 'share').selected_options ?? []).some((o) => o.value === 'share'),
      });
      const retro = await deps.retros.saveNote({ teamId, userId: body.user.id, ...ref, note });
      deps.background.run('retro count', () => deps.retros.refreshCount(teamId, retro.id));
      return undefined;
    }),
  );

  app.view(
    RETRO.actionView,
    viewSubmission(
      deps.log,
      fieldErrors('action', { invalid_owner: 'owner', due_passed: 'due' }),
      async ({ view, body, context }) => {
        const ref = decodeFormRef(view.private_metadata);
        // From a retro, or from a review pack in a channel (src/slack/listeners/actions/reviews.ts).
        if (!ref?.retroId && !ref?.channelId) throw stale();
        const teamId = ref.retroId
          ? await rowRecords(deps, context, 'retros', ref.retroId)
          : await channelRecords(deps, context, ref.channelId ?? '');
        const values = view.state.values as Values;
        const ownerId = field(values, 'owner').selected_user;
        if (!ownerId) throw new FieldError('owner', 'Pick who owns it.');
        const text = requiredText(
          'action',
          field(values, 'action').value,
          MAX_ACTION_LENGTH,
          'what is to be done',
        );
        const rawDue = field(values, 'due').selected_date;
        await deps.actionItems.add({
          teamId,
          ...(ref.retroId ? { retroId: ref.retroId } : { channelId: ref.channelId }),
          createdBy: body.user.id,
          ownerId,
          text,
          dueOn: rawDue ? dueDate(rawDue) : undefined,
          createKey: ref.token,
        });
        return undefined;
      },
    ),
  );

  app.view(
    RETRO.debriefView,
    viewSubmission(deps.log, fieldErrors('lessons'), async ({ view, body, context }) => {
      const ref = decodeFormRef(view.private_metadata);
      if (!ref?.channelId) throw stale();
      const teamId = await channelRecords(deps, context, ref.channelId);
      const values = view.state.values as Values;
      const fields = readDebrief({
        project: field(values, 'project').value,
        lessons: field(values, 'lessons').value,
        assets: field(values, 'assets').value,
      });
      await deps.debriefs.save({
        teamId,
        channelId: ref.channelId,
        userId: body.user.id,
        token: ref.token,
        fields,
      });
      return undefined;
    }),
  );
}

/** The due date picked, checked as the command checks one; its mistake shown on the date field. */
function dueDate(raw: string): string {
  try {
    return parseDate(raw);
  } catch (error) {
    if (error instanceof UserError) throw new FieldError('due', error.userMessage);
    throw error;
  }
}
