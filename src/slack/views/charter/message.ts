import { CHARTER_FIELD_NAMES, CHARTER_FIELD_SPECS } from '../../../charter/charter-fields.js';
import {
  CHARTER_FIELDS,
  type CharterPart,
  type CharterText,
  type EscalationLevel,
} from '../../../charter/charter-text.js';
import type { CharterVersion } from '../../../charter/charter-views.js';
import type { Block, SlackMessage } from '../blocks.js';
import { context, escapeMrkdwn, header, listOf, message, section, slackTime } from '../blocks.js';

/** "the goal and the roles": what a version changed, for a sentence. */
export const describeChanges = (fields: readonly CharterPart[]) =>
  fields.length === 0 ? 'nothing' : listOf(fields.map((f) => CHARTER_FIELD_NAMES[f]));

/** The charter's parts as sections; people's text is escaped, so `<!channel>` in it notifies nobody. */
export function charterSections(text: CharterText): Block[] {
  const texts = CHARTER_FIELDS.flatMap((field) => {
    const value = text[field];
    if (value === null) return [];
    return [section(`*${CHARTER_FIELD_SPECS[field].label}*\n${escapeMrkdwn(value)}`)];
  });
  const rights = text.decisionRights ?? [];
  const levels = text.levels ?? [];
  return [
    ...texts,
    ...(rights.length > 0
      ? [section(`*Who decides what*\n${rights.map((r) => `• ${escapeMrkdwn(r)}`).join('\n')}`)]
      : []),
    ...(levels.length > 0 ? [section(`*Escalation levels*\n${levels.map(levelLine).join('\n')}`)] : []),
  ];
}

/** A person as a mention, a user group as Slack's group mention (docs.slack.dev/messaging/formatting-message-text). */
export const ownerMention = (id: string) => (id.startsWith('S') ? `<!subteam^${id}>` : `<@${id}>`);
const owners = (ids: readonly string[]) => (ids.length > 0 ? ids.map(ownerMention).join(', ') : '—');

/** "Level 1 (within 4 h): @ana · @gus" */
export const levelLine = (l: EscalationLevel) =>
  `Level ${l.level} (within ${hours(l.targetMinutes)}): ${owners(l.sideA)} · ${owners(l.sideB)}`;

export const hours = (minutes: number) =>
  minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;

export const savedLine = (v: CharterVersion) =>
  `Version ${v.version} · saved by <@${v.savedBy}> ${slackTime(v.savedAt)}`;

/** The channel's message: the latest version, edited in place when a new one is saved. */
export function charterMessage(v: CharterVersion): SlackMessage {
  return message(`Working agreement for <#${v.channelId}> (version ${v.version})`, [
    header(':handshake: Our working agreement'),
    ...charterSections(v.text),
    context(`${savedLine(v)} · \`/charter\` to see it or change it`),
  ]);
}
