import type { ActionItemRow } from '../../../db/repos/action-items.js';
import type { DebriefRow } from '../../../db/repos/debriefs.js';
import type { OwnNote, RetroRow } from '../../../db/repos/retros.js';
import type { RetroViews } from '../../../retros/retro-views.js';
import { RETRO } from '../../ids.js';
import type { Block, SlackMessage } from '../blocks.js';
import {
  clockTime,
  context,
  escapeMrkdwn,
  header,
  LIMITS,
  message,
  quote,
  section,
  truncate,
} from '../blocks.js';
import { actionItemLine, CATEGORY_LABELS, openItemBlocks, plural } from './message.js';

/** The channel hears of a new item: its owner, what, and by when. */
export function actionAdded(item: ActionItemRow, createdBy: string): SlackMessage {
  const text = `:pushpin: New action item: ${actionItemLine(item)} (added by <@${createdBy}>)`;
  return message(truncate(text, LIMITS.messageText), [section(text)]);
}

/**
 * The owner's one DM on the due date, with Mark done; once the item is done (from here, the
 * channel's list or the Home tab), what was done and when, with no button left.
 */
export function actionReminder(item: RetroViews['retros.action-reminder']): SlackMessage {
  const what = escapeMrkdwn(item.body);
  if (item.settled) {
    const by = item.settled.by === item.owner_id ? '' : ` by <@${item.settled.by}>`;
    const done = `:white_check_mark: Done · marked at ${clockTime(item.settled.at, item.settled.zone)}${by}`;
    return message(`${done} · ${what}`, [
      section(`:alarm_clock: Due today, from <#${item.channel_id}>: ${what}`),
      section(done),
    ]);
  }
  const text = `:alarm_clock: Due today, from <#${item.channel_id}>: ${what}`;
  return message(text, [
    section(text),
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: RETRO.reminderDone,
          text: { type: 'plain_text', text: 'Mark done' },
          style: 'primary',
          value: String(item.id),
        },
      ],
    },
    context('Anyone in the channel can also mark it done under `/retro actions`.'),
  ]);
}

/** `/retro actions`: the channel's open items, each with a Done button. */
export function actionsReply(open: { items: ActionItemRow[]; total: number }): SlackMessage {
  if (open.total === 0) {
    return message('No open action items in this channel.', [
      section(
        'No open action items in this channel. `/retro action @owner <what> [by YYYY-MM-DD]` adds one.',
      ),
    ]);
  }
  return message(`${plural(open.total, 'open action item')}`, openItemBlocks(open));
}

/** `/retro mine`: the person's own notes, with Edit and Delete; nobody else sees it. */
export function mineReply(retro: RetroRow, notes: OwnNote[]): SlackMessage {
  if (notes.length === 0) {
    const text = `You have no notes in the retro “${escapeMrkdwn(retro.title)}” yet.`;
    return message(text, [section(text)]);
  }
  // Two blocks a note, within a message's limit; a person with more notes than fit sees the first.
  const shown = notes.slice(0, Math.floor((LIMITS.blocksPerMessage - 2) / 2));
  const blocks: Block[] = [section(`*Your notes in “${escapeMrkdwn(retro.title)}”* (only you see this)`)];
  for (const note of shown) {
    blocks.push(
      section(
        `*${CATEGORY_LABELS[note.category]}*${note.share_name ? ' · name shared' : ' · anonymous'}\n${quote(escapeMrkdwn(truncate(note.body, 2800)))}`,
      ),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: RETRO.editNote,
            text: { type: 'plain_text', text: 'Edit' },
            value: String(note.id),
          },
          {
            type: 'button',
            action_id: RETRO.deleteNote,
            text: { type: 'plain_text', text: 'Delete' },
            style: 'danger',
            value: String(note.id),
          },
        ],
      },
    );
  }
  if (notes.length > shown.length) blocks.push(context(`…and ${notes.length - shown.length} more.`));
  return message(`Your notes in “${retro.title}”`, blocks);
}

/** A debrief's assets, one a line, blank lines dropped. */
const assetLines = (assets: string) =>
  assets
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** A debrief as it is posted to the channel and kept as the project's archive entry. */
export function debriefMessage(d: DebriefRow): SlackMessage {
  const assets = assetLines(d.assets).map((line) => `• ${escapeMrkdwn(line)}`);
  return message(`Project debrief: ${d.project}`, [
    header(`Project debrief: ${d.project}`),
    section(`*Lessons learned*\n${quote(escapeMrkdwn(d.lessons))}`),
    section(`*Reusable assets*\n${assets.length > 0 ? assets.join('\n') : 'None listed.'}`),
    context(`By <@${d.created_by}> · kept in this channel’s archive: \`/retro archive\``),
  ]);
}

/** `/retro archive`: the channel's debriefs, newest first. */
export function archiveReply(debriefs: DebriefRow[]): SlackMessage {
  if (debriefs.length === 0) {
    return message('No debriefs in this channel yet.', [
      section('No debriefs in this channel yet. `/retro debrief <project>` writes one.'),
    ]);
  }
  const blocks: Block[] = [section(`*Project archive* (${debriefs.length} shown, newest first)`)];
  for (const d of debriefs.slice(0, LIMITS.blocksPerMessage - 1)) {
    const assets = assetLines(d.assets);
    // The links are what a later project reuses, so each entry lists them (section() keeps it in limits).
    blocks.push(
      section(
        [
          `*${escapeMrkdwn(d.project)}* · ${d.created_at.toISOString().slice(0, 10)} · ${plural(assets.length, 'asset')}`,
          escapeMrkdwn(truncate(d.lessons.replace(/\s*\n\s*/g, ' '), 300)),
          ...assets.map((line) => `• ${escapeMrkdwn(line)}`),
        ].join('\n'),
      ),
    );
  }
  return message('Project archive', blocks);
}
