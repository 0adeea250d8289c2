import type { App } from '@slack/bolt';
import { UserError } from '../../../errors.js';
import { readDebrief } from '../../../retros/debriefs.js';
import { FieldError, readNote, requiredText } from '../../../retros/notes.js';
import { MAX_ACTION_LENGTH, parseDate } from '../../../retros/parse-command.js';
import { RETRO, type RetroFormBlock, retroBlockId } from '../../ids.js';
import { decodeFormRef } from '../../views/retros/modal.js';
import type { RetroListenerDeps } from '../commands/retro.js';

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
function fieldErrors(error: unknown, fallback: RetroFormBlock, byCode: Record<string, RetroFormBlock> = {}) {
  if (!(error instanceof UserError)) throw error;
  const block =
    error instanceof FieldError ? (error.field as RetroFormBlock) : (byCode[error.code] ?? fallback);
  return { response_action: 'errors' as const, errors: { [retroBlockId(block)]: error.userMessage } };
}

/** The retro forms' submissions: stored before the form closes, posted after. */
export function registerRetroViews(app: App, deps: RetroListenerDeps): void {
  const post = () => deps.background.run('retro messages', deps.runNow);

  app.view(RETRO.noteView, async ({ ack, view, body }) => {
    const ref = decodeFormRef(view.private_metadata);
    const teamId = body.team?.id ?? view.team_id;
    if (!ref?.retroId || !teamId) {
      await ack({ response_action: 'errors', errors: { [retroBlockId('note')]: STALE } });
      return;
    }
    const values = view.state.values as Values;
    try {
      const note = readNote({
        category: field(values, 'category').selected_option?.value,
        body: field(values, 'note').value ?? undefined,
        share: (field(values, 'share').selected_options ?? []).some((o) => o.value === 'share'),
      });
      const retro = await deps.retros.saveNote({ teamId, userId: body.user.id, ...ref, note });
      await ack();
      deps.background.run('retro count', () => deps.retros.refreshCount(teamId, retro.id));
    } catch (error) {
      await ack(fieldErrors(error, 'note'));
    }
  });

  app.view(RETRO.actionView, async ({ ack, view, body }) => {
    const ref = decodeFormRef(view.private_metadata);
    const teamId = body.team?.id ?? view.team_id;
    if (!ref?.retroId || !teamId) {
      await ack({ response_action: 'errors', errors: { [retroBlockId('action')]: STALE } });
      return;
    }
    const values = view.state.values as Values;
    try {
      const ownerId = field(values, 'owner').selected_user;
      if (!ownerId) throw new FieldError('owner', 'Pick who owns it.');
      const text = requiredText(
        'action',
        field(values, 'action').value,
        MAX_ACTION_LENGTH,
        'what is to be done',
      );
      const rawDue = field(values, 'due').selected_date;
      let dueOn: string | undefined;
      try {
        dueOn = rawDue ? parseDate(rawDue) : undefined;
      } catch (error) {
        if (error instanceof UserError) throw new FieldError('due', error.userMessage);
        throw error;
      }
      await deps.actionItems.add({
        teamId,
        retroId: ref.retroId,
        createdBy: body.user.id,
        ownerId,
        text,
        dueOn,
        createKey: ref.token,
      });
      await ack();
      post();
    } catch (error) {
      await ack(fieldErrors(error, 'action', { invalid_owner: 'owner', due_passed: 'due' }));
    }
  });

  app.view(RETRO.debriefView, async ({ ack, view, body }) => {
    const ref = decodeFormRef(view.private_metadata);
    const teamId = body.team?.id ?? view.team_id;
    if (!ref?.channelId || !teamId) {
      await ack({ response_action: 'errors', errors: { [retroBlockId('lessons')]: STALE } });
      return;
    }
    const values = view.state.values as Values;
    try {
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
      await ack();
      post();
    } catch (error) {
      await ack(fieldErrors(error, 'lessons'));
    }
  });
}
