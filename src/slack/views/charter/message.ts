import { CHARTER_FIELD_NAMES, CHARTER_FIELD_SPECS } from '../../../charter/charter-fields.js';
import { CHARTER_FIELDS, type CharterField, type CharterText } from '../../../charter/charter-text.js';
import type { CharterVersion } from '../../../charter/charter-views.js';
import type { Block, SlackMessage } from '../blocks.js';
import { context, escapeMrkdwn, header, listOf, message, section, slackTime } from '../blocks.js';

/** "the goal and the roles": what a version changed, for a sentence. */
export const describeChanges = (fields: readonly CharterField[]) =>
  fields.length === 0 ? 'nothing' : listOf(fields.map((f) => CHARTER_FIELD_NAMES[f]));

/** The charter's parts as sections; people's text is escaped, so `<!channel>` in it notifies nobody. */
export function charterSections(text: CharterText): Block[] {
  return CHARTER_FIELDS.flatMap((field) => {
    const value = text[field];
    if (value === null) return [];
    return [section(`*${CHARTER_FIELD_SPECS[field].label}*\n${escapeMrkdwn(value)}`)];
  });
}

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
