import { NOT_ENOUGH_RESPONSES, type RoundResults, SCALE } from '../../../pulse/results.js';
import type { SlackMessage } from '../blocks.js';
import { context, escapeMrkdwn, LIMITS, message, quote, section, truncate } from '../blocks.js';
import { roundDayName } from './prompt.js';

/** A comment is cut to this in the channel, so a round's comments fit in one message. */
const COMMENT_SHOWN_MAX = 500;
const BAR_WIDTH = 10;

/** Ten blocks for a mean of 5, none for 0. */
const bar = (mean: number) => {
  const filled = Math.round((mean / 5) * BAR_WIDTH);
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
};

/** The change since the previous round, when both could be shown. */
const trend = (now: number, before: number | undefined) => {
  if (before === undefined) return '';
  const delta = Math.round((now - before) * 100) / 100;
  if (delta === 0) return ' · no change';
  return delta > 0 ? ` · ▲ ${delta.toFixed(2)}` : ` · ▼ ${Math.abs(delta).toFixed(2)}`;
};

/**
 * A round's results: the mean and the spread of every statement, the number of answers and the
 * comments, or, with fewer than three answers, only the sentence that says why nothing is shown.
 */
export function pulseResults(input: {
  channelId: string;
  roundDate: string;
  results: RoundResults;
  /** The previous round's means by statement, for the trend. */
  previousMeans?: ReadonlyMap<string, number>;
}): SlackMessage {
  const title = `Pulse check for <#${input.channelId}> · ${roundDayName(input.roundDate)}`;
  const { results } = input;
  if (!results.shown) {
    const text = `${title}: ${NOT_ENOUGH_RESPONSES}.`;
    return message(text, [section(`:bar_chart: *${title}*\n${NOT_ENOUGH_RESPONSES}.`)]);
  }
  const answers = `${results.responses} answers`;
  const statementBlocks = results.statements.map((s) =>
    section(
      `*${escapeMrkdwn(s.statement)}*\n\`${bar(s.mean)}\` *${s.mean.toFixed(2)}* / 5${trend(
        s.mean,
        input.previousMeans?.get(s.statement),
      )}\n${s.distribution.map((n, i) => `${i + 1}: ${n}`).join(' · ')}`,
    ),
  );
  // Comments share one section each up to the limit, so a round's message never outgrows Slack's.
  const room = LIMITS.blocksPerMessage - statementBlocks.length - 3;
  const commentBlocks = results.comments
    .slice(0, room)
    .map((c) => section(quote(escapeMrkdwn(truncate(c, COMMENT_SHOWN_MAX)))));
  return message(`${title}: ${answers}`, [
    section(`:bar_chart: *${title}* · ${answers}`),
    context(`1 = ${SCALE[0]} · 5 = ${SCALE[4]}. Anonymous: shown only in aggregate.`),
    ...statementBlocks,
    ...(commentBlocks.length > 0 ? [section('*Comments* (in random order)'), ...commentBlocks] : []),
  ]);
}
