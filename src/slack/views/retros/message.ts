import type { ActionItemRow } from '../../../db/repos/action-items.js';
import type { NoteCategory, SharedNote } from '../../../db/repos/retros.js';
import { RETRO } from '../../ids.js';
import type { Block, SlackMessage } from '../blocks.js';
import { context, escapeMrkdwn, header, LIMITS, message, section, truncate } from '../blocks.js';

export const CATEGORY_LABELS: Record<NoteCategory, string> = {
  went_well: 'Went well',
  to_improve: 'To improve',
  idea: 'Idea',
};
const CATEGORY_HEADINGS: Record<NoteCategory, string> = {
  went_well: ':white_check_mark: *Went well*',
  to_improve: ':hammer_and_wrench: *To improve*',
  idea: ':bulb: *Ideas*',
};

/** Open items shown with a Done button; the rest are counted and left to `/retro actions`. */
const ITEMS_SHOWN = 10;
/** One note's longest line in a summary, so one note cannot fill a section alone. */
const NOTE_SHOWN_CHARS = 1000;

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "<@U…> Write the checklist · due 2026-12-04", escaped. */
export function actionItemLine(item: ActionItemRow): string {
  const due = item.due_on ? ` · due ${item.due_on}` : '';
  return `<@${item.owner_id}> ${escapeMrkdwn(item.body)}${due}`;
}

/** Each open item with a Done button anyone in the channel may press, then how many are not shown. */
export function openItemBlocks(open: { items: ActionItemRow[]; total: number }): Block[] {
  if (open.total === 0) return [];
  const shown = open.items.slice(0, ITEMS_SHOWN);
  const blocks: Block[] = [
    section(`*Open action items* (${open.total})`),
    ...shown.map((item): Block => ({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`• ${actionItemLine(item)}`, LIMITS.sectionText) },
      accessory: {
        type: 'button',
        action_id: RETRO.actionDone,
        text: { type: 'plain_text', text: 'Done' },
        value: String(item.id),
      },
    })),
  ];
  if (open.total > shown.length) {
    blocks.push(context(`…and ${open.total - shown.length} more: \`/retro actions\` lists them all.`));
  }
  return blocks;
}

/**
 * The retro's one message in the channel: what it is for, how many notes so far (never the notes),
 * the button to add one, and the channel's open action items from earlier retros.
 */
export function retroMessage(input: {
  retroId: number;
  title: string;
  noteCount: number;
  closed: boolean;
  openItems: { items: ActionItemRow[]; total: number };
}): SlackMessage {
  const count = plural(input.noteCount, 'note');
  const text = input.closed
    ? `Retro: ${input.title} (closed, ${count})`
    : `Retro: ${input.title} · ${count} so far`;
  const blocks: Block[] = [header(`Retro: ${input.title}`)];
  if (input.closed) {
    blocks.push(section(`This retro is closed with ${count}. Its summary is posted below.`));
  } else {
    blocks.push(
      section(
        'What went well, what should we improve, what ideas do you have? Add as many notes as you like. ' +
          'They are anonymous unless you choose to share your name.',
      ),
      context(`:memo: ${count} so far`),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: RETRO.addNote,
            text: { type: 'plain_text', text: 'Add a note' },
            style: 'primary',
            value: String(input.retroId),
          },
        ],
      },
    );
  }
  blocks.push(...openItemBlocks(input.openItems));
  return message(text, blocks);
}

/** Lines into as few sections as fit Slack's limit on a section's text. */
function sectionsOf(lines: string[]): Block[] {
  const sections: Block[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncate(raw, LIMITS.sectionText - 10);
    if (current !== '' && [...current].length + 1 + [...line].length > LIMITS.sectionText) {
      sections.push(section(current));
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') sections.push(section(current));
  return sections;
}

/** A note as the channel sees it: its text, and its author only if they shared their name. */
function noteLine(note: SharedNote): string {
  const body = escapeMrkdwn(truncate(note.body.replace(/\s*\n\s*/g, ' '), NOTE_SHOWN_CHARS));
  return note.shared_author_id ? `• ${body} (<@${note.shared_author_id}>)` : `• ${body}`;
}

/**
 * The summary posted once at the close: the notes by category (authors only for shared notes),
 * counts, and the action items with a button to add one. However many notes, it stays within
 * Slack's 50 blocks: what does not fit is counted, and the export has every note.
 */
export function retroSummary(input: {
  retroId: number;
  title: string;
  notes: SharedNote[];
  actionItems: ActionItemRow[];
}): SlackMessage {
  const counts = Object.fromEntries(
    (Object.keys(CATEGORY_LABELS) as NoteCategory[]).map((c) => [
      c,
      input.notes.filter((n) => n.category === c),
    ]),
  ) as Record<NoteCategory, SharedNote[]>;
  const countLine = `${plural(input.notes.length, 'note')}: ${counts.went_well.length} went well · ${counts.to_improve.length} to improve · ${plural(counts.idea.length, 'idea')}`;
  const tail: Block[] = [
    section(
      input.actionItems.length === 0
        ? '*Action items*\nNone yet.'
        : `*Action items* (${input.actionItems.length})`,
    ),
    ...sectionsOf(input.actionItems.map((item) => `• ${actionItemLine(item)}`)).slice(0, 5),
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: RETRO.addAction,
          text: { type: 'plain_text', text: 'Add an action item' },
          value: String(input.retroId),
        },
      ],
    },
  ];
  const head: Block[] = [header(`Retro summary: ${input.title}`), context(countLine)];
  // Room for the notes, keeping one block for saying what did not fit.
  const room = LIMITS.blocksPerMessage - head.length - tail.length - 1;
  const body: Block[] = [];
  let shownNotes = 0;
  for (const category of Object.keys(CATEGORY_LABELS) as NoteCategory[]) {
    const notes = counts[category];
    if (notes.length === 0) continue;
    if (body.length + 2 > room) break;
    body.push(section(`${CATEGORY_HEADINGS[category]} (${notes.length})`));
    for (const chunk of sectionsOf(notes.map(noteLine))) {
      if (body.length >= room) break;
      body.push(chunk);
      // One line a note: what was pushed tells how many notes are shown.
      shownNotes += chunk.type === 'section' ? (chunk.text?.text.split('\n').length ?? 0) : 0;
    }
  }
  if (shownNotes < input.notes.length) {
    body.push(
      context(
        `…${plural(input.notes.length - shownNotes, 'more note')} did not fit in this message; they are kept, and the workspace's export has every note.`,
      ),
    );
  }
  if (input.notes.length === 0) body.push(section('No notes were added.'));
  return message(`Retro summary: ${input.title} · ${countLine}`, [...head, ...body, ...tail]);
}
