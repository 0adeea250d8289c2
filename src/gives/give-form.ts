import { plainText } from '../credits/credit-text.js';
import { lengthOf } from '../user-text.js';
import { type GiveValue, parseWorth } from './give-value.js';
import { GIVE_KINDS, type GiveKind, MAX_RECEIVERS, MAX_VALUE, MAX_WHAT } from './parse-command.js';

/** What the give form holds when submitted, as Slack sends it (any field may be missing). */
export type GiveForm = {
  people: readonly string[] | null | undefined;
  what: string | null | undefined;
  kind: string | null | undefined;
  worth: string | null | undefined;
};
export type GiveFormErrors = Partial<Record<'people' | 'what' | 'kind' | 'worth', string>>;
export type GiveContent = { receiverIds: string[]; what: string; giveKind: GiveKind; value: GiveValue };

/** The form's content, or what is wrong with each field; the value is read as `/gave` reads it. */
export function parseGiveForm(
  form: GiveForm,
  giverId: string,
): { ok: true; content: GiveContent } | { ok: false; errors: GiveFormErrors } {
  const errors: GiveFormErrors = {};
  const people = [...new Set(form.people ?? [])];
  if (people.length === 0) errors.people = 'Choose who received it.';
  else if (people.length > MAX_RECEIVERS) errors.people = `Choose up to ${MAX_RECEIVERS} people.`;
  else if (people.includes(giverId)) errors.people = 'A give goes to someone else: leave yourself out.';
  const what = plainText(form.what ?? '');
  if (what === '') errors.what = 'Say what you gave.';
  else if (lengthOf(what) > MAX_WHAT)
    errors.what = `Up to ${MAX_WHAT} characters; this is ${lengthOf(what)}.`;
  const kind = GIVE_KINDS.find((k) => k === form.kind);
  if (!kind) errors.kind = 'Choose what kind of give it was.';
  const worth = plainText(form.worth ?? '');
  if (lengthOf(worth) > MAX_VALUE)
    errors.worth = `Up to ${MAX_VALUE} characters; this is ${lengthOf(worth)}.`;
  if (Object.keys(errors).length > 0 || !kind) return { ok: false, errors };
  return { ok: true, content: { receiverIds: people, what, giveKind: kind, value: parseWorth(worth) } };
}

/** A receiver's own value for a give (Adjust): something to count, in up to MAX_VALUE characters. */
export function parseAdjustment(
  worth: string | null | undefined,
): { ok: true; value: GiveValue } | { ok: false; error: string } {
  const text = plainText(worth ?? '');
  if (text === '')
    return {
      ok: false,
      error: 'Say what it was worth to you, or press Confirm in the DM to keep their value.',
    };
  if (lengthOf(text) > MAX_VALUE)
    return { ok: false, error: `Up to ${MAX_VALUE} characters; this is ${lengthOf(text)}.` };
  return { ok: true, value: parseWorth(text) };
}
