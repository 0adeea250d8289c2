import { randomUUID } from 'node:crypto';
import { NOTE_CATEGORIES, type NoteCategory } from '../db/repos/retros.js';
import { UserError } from '../errors.js';

export const MAX_NOTE_LENGTH = 3000;

/** A field's mistake, for the form to show where it was made. */
export class FieldError extends UserError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message, 'invalid_field');
  }
}

/**
 * Text typed into a form, as it is kept: control characters out, line endings one kind. Forms send
 * it as typed (not escaped like command text); it is escaped whenever it is shown.
 */
export function cleanText(text: string | null | undefined): string {
  return (
    (text ?? '')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
      .replace(/\r\n?/g, '\n')
      .trim()
  );
}

/** Text that must be there and fit, or a FieldError on its field. */
export function requiredText(
  field: string,
  raw: string | null | undefined,
  max: number,
  what: string,
): string {
  const text = cleanText(raw);
  if (text === '') throw new FieldError(field, `Write ${what}.`);
  const length = [...text].length;
  if (length > max) throw new FieldError(field, `This is ${length} characters; it can be up to ${max}.`);
  return text;
}

export type NoteFields = { category: NoteCategory; body: string; shareName: boolean };

/** A note from the form's values, checked: a category it knows, a note that is there and fits. */
export function readNote(input: {
  category: string | undefined;
  body: string | undefined;
  share: boolean;
}): NoteFields {
  const category = NOTE_CATEGORIES.find((c) => c === input.category);
  if (!category) throw new FieldError('category', 'Pick a category.');
  return {
    category,
    body: requiredText('note', input.body, MAX_NOTE_LENGTH, 'your note'),
    shareName: input.share,
  };
}

/** A form's own token, kept in its private_metadata: the key that makes its submission count once. */
export const newFormToken = (): string => randomUUID();
