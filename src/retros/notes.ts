import { randomUUID } from 'node:crypto';
import { NOTE_CATEGORIES, type NoteCategory } from '../db/repos/retros.js';
import { UserError } from '../errors.js';
import { checkUserText } from '../user-text.js';

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
 * Text typed into a form that must be there and fit, as it is kept (see src/user-text.ts), or a
 * FieldError on its field. Forms send it as typed; it is escaped whenever it is shown.
 */
export function requiredText(
  field: string,
  raw: string | null | undefined,
  max: number,
  what: string,
): string {
  const { text, error } = checkUserText(raw, { multiline: true, max });
  if (text === '') throw new FieldError(field, `Write ${what}.`);
  if (error) throw new FieldError(field, error);
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
