import type { GiveRow, SidedGive } from '../../../db/repos/gives.js';
import type { QuarterLedger } from '../../../gives/gives-service.js';
import {
  context,
  escapeMrkdwn,
  listOf,
  message,
  plainMessage,
  section,
  type SlackMessage,
} from '../blocks.js';
import { flowText, valueText, whatText } from './give-text.js';

/** At most this many gives listed: well inside a message's 50 blocks. */
export const GIVES_SHOWN = 10;

export const giveHelp = () =>
  plainMessage(
    [
      '*`/gave`* logs what you gave the people you work with: an introduction, a resource, an insight, access or help, and what it was worth. Each person who received it confirms the value, or says it didn’t help; only confirmed values count.',
      "• `/gave @omar an intro to Acme's data team — saved 2 weeks`",
      '• `/gave @ana @ben the load-test scripts · 3 days · $4,000`',
      '  After a dash or `·`, say what it was worth: time saved (hours, days or weeks), money saved or earned (`$4,000`, `1.2k EUR`; say _earned_ for revenue), or risk reduced (`high risk reduced`). Anything else is kept as you typed it.',
      '• `/gave`: the same with a form; or, on any message, open its menu (⋯) and pick *Log what we gave*',
      '• `/gave channel`: what each side gave the other in this channel this quarter',
      '• `/gave mine`: what you gave and received in this channel this quarter',
    ].join('\n'),
  );

/** After a give is logged: who was asked, and what happens next. */
export function giveSaved(give: GiveRow, receiverIds: readonly string[]): SlackMessage {
  const names = listOf(receiverIds.map((id) => `<@${id}>`));
  const value = valueText(give);
  return plainMessage(
    `:gift: Logged: ${whatText(give)} for ${names}${value ? `, worth ${value}` : ''}. ${
      receiverIds.length === 1 ? 'They get a DM' : 'Each gets a DM'
    } to confirm what it was worth; until then it counts as asked, not as value.`,
  );
}

export const giveAlreadySaved = (give: GiveRow) =>
  plainMessage(`That give, ${whatText(give)}, was already logged; nothing new was saved.`);

/** `/gave channel` and `/gave mine`: the quarter's flows between sides, then the latest gives. */
export function quarterLedger(
  ledger: QuarterLedger,
  scope: { channelId: string; userId?: string },
): SlackMessage {
  const whose = scope.userId ? 'you gave and received' : 'was given';
  const title = `:scales: What ${whose} in <#${scope.channelId}> in ${ledger.quarter}`;
  if (ledger.gives.length === 0) {
    return plainMessage(
      `${title}: nothing yet. Log a give with \`/gave @person what you gave — what it was worth\`.`,
    );
  }
  const name = (side: string) => escapeMrkdwn(ledger.sideNames[side] ?? side);
  const flows = ledger.flows.map((f) => `• *${name(f.from)} → ${name(f.to)}*: ${flowText(f)}`);
  const shown = ledger.gives.slice(0, GIVES_SHOWN).map(giveLine);
  const more = ledger.gives.length - shown.length;
  return message(`${title}: ${ledger.gives.length} give${ledger.gives.length === 1 ? '' : 's'}`, [
    section(`${title}\n${flows.join('\n')}`),
    section(`*Latest*\n${shown.join('\n')}`),
    context(
      `Values count only once a receiver confirmed them, each in its own unit.${more > 0 ? ` ${more} more not shown.` : ''}`,
    ),
  ]);
}

function giveLine(g: SidedGive): string {
  // Who confirmed shows; who said it didn't help does not: that answer is counted, never named.
  const receivers = g.receivers
    .map((r) => `<@${r.receiver_id}>${r.status === 'confirmed' ? ' :white_check_mark:' : ''}`)
    .join(', ');
  const given = valueText(g);
  // A receiver's own value (Adjust) is the one that counts; shown beside the giver's.
  const counted = g.counted ? valueText(g.counted) : null;
  const confirmedAs = counted && counted !== given ? `, confirmed as ${counted}` : '';
  return `• <@${g.giver_id}> → ${receivers}: ${whatText(g)}${given ? ` — ${given}` : ''}${confirmedAs}`;
}
