import { CHARTER } from '../../ids.js';
import type { SlackMessage } from '../blocks.js';
import {
  context,
  escapeMrkdwn,
  header,
  message,
  plainMessage,
  section,
  slackTime,
  truncate,
} from '../blocks.js';
import type { CharterChange, CharterVersion } from '../../../charter/charter-views.js';
import { charterSections, describeChanges, savedLine } from './message.js';

/** At most this many versions in `/charter history`; the export has them all. */
export const HISTORY_SHOWN = 15;

const changeLine = (c: CharterChange) =>
  c.version === 1
    ? `*v1* · <@${c.savedBy}> wrote it ${slackTime(c.savedAt)}`
    : `*v${c.version}* · <@${c.savedBy}> changed ${describeChanges(c.changed)} ${slackTime(c.savedAt)}`;

/** What `/charter` shows, only to the person who asked: the charter, its last change, and Edit. */
export function charterShown(current: CharterVersion, lastChange: CharterChange): SlackMessage {
  return message(`The working agreement of <#${current.channelId}>`, [
    header(':handshake: Our working agreement'),
    ...charterSections(current.text),
    context(
      `${savedLine(current)}${lastChange.version > 1 ? ` (changed ${describeChanges(lastChange.changed)})` : ''} · \`/charter history\` shows every change`,
    ),
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: CHARTER.edit,
          text: { type: 'plain_text', text: 'Edit' },
          value: String(current.version),
        },
      ],
    },
  ]);
}

/** `/charter history`: newest first, who changed which parts and when. */
export function charterHistory(channelId: string, changes: CharterChange[], total: number): SlackMessage {
  if (changes.length === 0) return noCharter();
  const more = total - changes.length;
  return message(`Charter history of <#${channelId}>`, [
    section(`*Charter history of <#${channelId}>*, newest first`),
    section(changes.map(changeLine).join('\n')),
    ...(more > 0
      ? [context(`…and ${more} earlier version${more === 1 ? '' : 's'} (\`npm run export\` has them all)`)]
      : []),
  ]);
}

export const noCharter = () => plainMessage('This channel has no charter yet. Type `/charter` to write one.');

export const charterHelp = () =>
  plainMessage(
    [
      '*`/charter`* — this channel’s working agreement: shared goal, success metrics, who owns what, how decisions are made, where disagreements go, and the check-in cadence.',
      '• `/charter` shows it (or opens the form when there is none yet)',
      '• `/charter edit` opens the form',
      '• `/charter history` shows who changed what, and when',
    ].join('\n'),
  );

export const unknownCharterCommand = (text: string) =>
  plainMessage(
    `I don't know \`/charter ${escapeMrkdwn(truncate(text, 40)).replace(/`/g, "'")}\`. Try \`/charter\`, \`/charter edit\`, \`/charter history\` or \`/charter help\`.`,
  );

/** After a save that changed nothing: nothing new is kept, but the message is put back if missing. */
export const charterUnchanged = (channelId: string, version: number) =>
  plainMessage(
    `Nothing changed in the charter of <#${channelId}>, so no new version was saved (it stays at version ${version}).`,
  );

/** The bot is not in the channel: the version is kept, but nobody else can see it yet. */
export const charterNotPosted = (channelId: string, version: number) =>
  plainMessage(
    `:warning: I saved version ${version} of the charter of <#${channelId}>, but I can't post in that channel. Invite @Rapport to this channel (\`/invite @Rapport\`), then open \`/charter\`, press Edit and Save to post it.`,
  );

export const STALE_CHARTER_FORM =
  'This form is out of date and nothing was saved. Open it again with `/charter`.';
