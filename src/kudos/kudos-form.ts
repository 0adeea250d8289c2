import { MAX_RECIPIENTS } from './parse-command.js';
import { checkReason } from './reason.js';

/** What the "Give kudos" form holds, as Slack reports it. */
export type KudosForm = { recipientIds: string[] | null | undefined; reason: string | null | undefined };
export type KudosFormField = 'recipients' | 'reason';
export type KudosFormErrors = Partial<Record<KudosFormField, string>>;

const USER_ID = /^[UW][A-Z0-9]{2,30}$/;

/**
 * Checks the form's own fields (who is who is checked when the kudos are given). The reason is
 * typed as plain text, so &, < and > are escaped: written there, `<!channel>` stays words.
 */
export function parseKudosForm(
  form: KudosForm,
): { ok: true; recipientIds: string[]; reason: string } | { ok: false; errors: KudosFormErrors } {
  const errors: KudosFormErrors = {};
  const recipientIds = [...new Set(form.recipientIds ?? [])];
  if (recipientIds.length === 0 || !recipientIds.every((id) => USER_ID.test(id))) {
    errors.recipients = 'Pick at least one person to thank.';
  } else if (recipientIds.length > MAX_RECIPIENTS) {
    errors.recipients = `Kudos can go to at most ${MAX_RECIPIENTS} people at once; you picked ${recipientIds.length}.`;
  }
  const {
    text: reason,
    length,
    error,
  } = checkReason(
    (form.reason ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    (length, max) => `That is ${length} characters long; kudos reasons can be up to ${max}.`,
  );
  if (length === 0) errors.reason = 'Say what the kudos are for.';
  else if (error) errors.reason = error;
  if (errors.recipients || errors.reason) return { ok: false, errors };
  return { ok: true, recipientIds, reason };
}
