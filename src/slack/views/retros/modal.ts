import type { types } from '@slack/bolt';
import { NOTE_CATEGORIES, type NoteCategory, type OwnNote } from '../../../db/repos/retros.js';
import { RETRO, type RetroFormBlock, retroBlockId } from '../../ids.js';
import { context, truncate } from '../blocks.js';
import { CATEGORY_LABELS } from './message.js';
import { formModal } from '../form-modal.js';

/**
 * What a retro form carries: the retro or channel it is for, the note being edited, and a token of
 * its own, so a submission Slack delivers twice is stored once.
 */
export type FormRef = { retroId?: number; channelId?: string; noteId?: number; token: string };

export const encodeFormRef = (ref: FormRef) =>
  JSON.stringify({ r: ref.retroId, c: ref.channelId, n: ref.noteId, k: ref.token });

export function decodeFormRef(value: string | undefined): FormRef | undefined {
  try {
    const p = JSON.parse(value ?? '') as { r?: unknown; c?: unknown; n?: unknown; k?: unknown };
    if (typeof p.k !== 'string' || p.k.length < 8 || p.k.length > 64) return undefined;
    const id = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : undefined);
    return {
      token: p.k,
      retroId: id(p.r),
      noteId: id(p.n),
      channelId: typeof p.c === 'string' && /^[CDG][A-Z0-9]+$/.test(p.c) ? p.c : undefined,
    };
  } catch {
    return undefined;
  }
}

const plainText = (text: string) => ({ type: 'plain_text' as const, text });
const option = (category: NoteCategory) => ({ text: plainText(CATEGORY_LABELS[category]), value: category });

function textInput(
  field: RetroFormBlock,
  label: string,
  o: { multiline?: boolean; max: number; initial?: string; optional?: boolean; hint?: string },
): types.InputBlock {
  return {
    type: 'input',
    block_id: retroBlockId(field),
    optional: o.optional ?? false,
    label: plainText(label),
    ...(o.hint ? { hint: plainText(o.hint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: RETRO.input,
      multiline: o.multiline ?? false,
      max_length: o.max,
      ...(o.initial ? { initial_value: truncate(o.initial, o.max) } : {}),
    },
  };
}

/** The note form's titles, also shown while it loads. */
export const NOTE_TITLE = { add: 'Add a note', edit: 'Edit your note' } as const;

/** The note form: a category, the note, and "share my name", off unless the author turned it on. */
export function noteModal(input: { ref: FormRef; title: string; note?: OwnNote }): types.ModalView {
  const note = input.note;
  return formModal({
    callbackId: RETRO.noteView,
    metadata: encodeFormRef(input.ref),
    title: note ? NOTE_TITLE.edit : NOTE_TITLE.add,
    submit: 'Save',
    blocks: [
      context(`For the retro *${truncate(input.title, 150).replace(/[*<>&]/g, '')}*`),
      {
        type: 'input',
        block_id: retroBlockId('category'),
        label: plainText('Category'),
        element: {
          type: 'static_select',
          action_id: RETRO.input,
          options: NOTE_CATEGORIES.map(option),
          initial_option: option(note?.category ?? 'went_well'),
        },
      },
      textInput('note', 'Your note', { multiline: true, max: 3000, initial: note?.body }),
      {
        type: 'input',
        block_id: retroBlockId('share'),
        optional: true,
        label: plainText('Your name'),
        element: {
          type: 'checkboxes',
          action_id: RETRO.input,
          options: [{ text: plainText('Share my name with this note'), value: 'share' }],
          ...(note?.share_name
            ? { initial_options: [{ text: plainText('Share my name with this note'), value: 'share' }] }
            : {}),
        },
      },
      context(
        'Notes are anonymous to the channel unless you share your name. `/retro mine` lists your notes to edit or delete them.',
      ),
    ],
  });
}

/** The action item form: an owner, what to do, and an optional due date. */
export function actionModal(input: { ref: FormRef }): types.ModalView {
  return formModal({
    callbackId: RETRO.actionView,
    metadata: encodeFormRef(input.ref),
    title: 'Add an action item',
    submit: 'Add',
    blocks: [
      {
        type: 'input',
        block_id: retroBlockId('owner'),
        label: plainText('Owner'),
        element: { type: 'users_select', action_id: RETRO.input },
      },
      textInput('action', 'What to do', { multiline: true, max: 1000 }),
      {
        type: 'input',
        block_id: retroBlockId('due'),
        optional: true,
        label: plainText('Due date'),
        hint: plainText('The owner gets one reminder that morning.'),
        element: { type: 'datepicker', action_id: RETRO.input },
      },
    ],
  });
}

/** The project-close debrief: lessons learned, and reusable assets with their links. */
export function debriefModal(input: { ref: FormRef; project?: string }): types.ModalView {
  return formModal({
    callbackId: RETRO.debriefView,
    metadata: encodeFormRef(input.ref),
    title: 'Project debrief',
    submit: 'Post and archive',
    blocks: [
      textInput('project', 'Project', { max: 150, initial: input.project }),
      textInput('lessons', 'Lessons learned', { multiline: true, max: 3000 }),
      textInput('assets', 'Reusable assets', {
        multiline: true,
        max: 3000,
        optional: true,
        hint: 'Templates, docs, code: one a line, with its link, such as "Launch checklist https://…"',
      }),
    ],
  });
}
