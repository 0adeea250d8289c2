import type { ListedCredit, PersonCreditRow } from '../../../db/repos/credits.js';
import type { SlackMessage } from '../blocks.js';
import {
  context,
  escapeMrkdwn,
  LIMITS,
  listOf,
  message,
  plainMessage,
  quote,
  section,
  truncate,
} from '../blocks.js';
import { deliverableText, STATUS_LABEL } from './message.js';

/** At most this many credits in a list: well inside a message's 50 blocks. */
export const CREDITS_SHOWN = 15;

const day = (at: Date) => at.toISOString().slice(0, 10);
const part = (contribution: string | null) =>
  contribution ? ` — ${escapeMrkdwn(truncate(contribution, 150))}` : '';

export const creditHelp = () =>
  plainMessage(
    [
      '*`/credit`* records who contributed what to a deliverable; each person confirms or corrects their own part.',
      '• `/credit @ana @ben for Q3 launch: Ana ran the research, Ben built the pipeline`: give credit here. The part after `:` is what they did; name each person at the start of their own clause and each gets their clause, otherwise everyone gets all of it.',
      '• `/credit`: the same with a form, with a link and one row per person',
      '• On any message, open its menu (⋯) and pick *Give credit for this*: the form, linked to that message',
      '• `/credit list [words]`: this channel’s credits, newest first, whose deliverable holds those words',
      '• `/credit @person`: what that person was credited for in this channel',
    ].join('\n'),
  );

/** After a credit is saved: who was named, and what happens next. */
export function creditSaved(
  deliverable: string,
  contributors: readonly string[],
  giverId: string,
): SlackMessage {
  const others = contributors.filter((id) => id !== giverId);
  const names = listOf(contributors.map((id) => `<@${id}>`));
  const next =
    others.length > 0
      ? ` ${listOf(others.map((id) => `<@${id}>`))} ${others.length === 1 ? 'gets a DM' : 'each get a DM'} to confirm or correct their part; until then it shows as unconfirmed.`
      : '';
  const self = contributors.includes(giverId) ? ' Your own part is recorded as confirmed.' : '';
  return plainMessage(
    `:medal: Credit for *${escapeMrkdwn(deliverable)}* recorded for ${names}.${next}${self}`,
  );
}

export const creditAlreadySaved = (deliverable: string) =>
  plainMessage(`That credit for *${escapeMrkdwn(deliverable)}* was already recorded; nothing new was saved.`);

/** `/credit list`: the channel's credits, newest first, each with the people who have not declined. */
export function creditList(
  channelId: string,
  rows: readonly ListedCredit[],
  total: number,
  words: readonly string[],
): SlackMessage {
  const matching = words.length > 0 ? ` matching “${escapeMrkdwn(words.join(' '))}”` : '';
  if (rows.length === 0) {
    return plainMessage(
      words.length > 0
        ? `No credits in <#${channelId}>${matching}. \`/credit list\` shows them all.`
        : 'No credits in this channel yet. Give one with `/credit @person for <deliverable>: <what they did>`.',
    );
  }
  const more = total - rows.length;
  return message(`Credits in <#${channelId}>${matching}`, [
    section(`*Credits in <#${channelId}>*${matching}, newest first (${total} in all)`),
    ...rows.map((c) =>
      section(
        truncate(
          `${deliverableText(c)} · ${day(c.created_at)} · given by <@${c.given_by}>\n${c.contributors
            .map((p) => `• <@${p.contributor_id}> · ${STATUS_LABEL[p.status]}${part(p.contribution)}`)
            .join('\n')}`,
          LIMITS.sectionText,
        ),
      ),
    ),
    ...(more > 0 ? [context(`…and ${more} more, older (\`npm run export\` has them all).`)] : []),
  ]);
}

/** `/credit @person`: what they were credited for in this channel, waiting answers first. */
export function personCredits(
  channelId: string,
  userId: string,
  rows: readonly PersonCreditRow[],
  total: number,
): SlackMessage {
  if (rows.length === 0) return plainMessage(`<@${userId}> has no credits in <#${channelId}>.`);
  const more = total - rows.length;
  return message(`Credits of <@${userId}> in <#${channelId}>`, [
    section(`*What <@${userId}> was credited for in <#${channelId}>* (${total} in all)`),
    ...rows.map((c) =>
      section(
        truncate(
          `${deliverableText(c)} · ${STATUS_LABEL[c.status]} · ${day(c.created_at)} · given by <@${c.given_by}>${
            c.contribution ? `\n${quote(escapeMrkdwn(c.contribution))}` : ''
          }`,
          LIMITS.sectionText,
        ),
      ),
    ),
    context(
      `Only credits given in this channel are shown here, so nothing from a private channel shows elsewhere.${more > 0 ? ` …and ${more} more, older.` : ''}`,
    ),
  ]);
}

/** Someone clicked an answer on a credit that is not theirs. */
export const notYourCredit = (contributorId: string) =>
  plainMessage(
    `This credit was given to <@${contributorId}>, so only they can confirm, correct or decline it. Nothing changed.`,
  );

export const STALE_CREDIT_FORM =
  'This form is out of date and nothing was saved. Open it again with `/credit`.';
