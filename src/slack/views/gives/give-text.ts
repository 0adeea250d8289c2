import type { GiveRow, ValueColumns } from '../../../db/repos/gives.js';
import { describeValue } from '../../../gives/give-value.js';
import { flowSummary } from '../../../gives/ledger-summary.js';
import { escapeMrkdwn, truncate } from '../blocks.js';

const KIND_LABEL: Record<GiveRow['kind'], string> = {
  introduction: ':handshake: introduction',
  resource: ':package: resource',
  insight: ':bulb: insight',
  access: ':key: access',
  help: ':raised_hands: help',
};

export const kindLabel = (give: GiveRow) => KIND_LABEL[give.kind];

/** What was given, escaped, with its kind. */
export const whatText = (give: GiveRow) => `*${escapeMrkdwn(truncate(give.what, 200))}* (${kindLabel(give)})`;

/** The value as read ("2 weeks saved · $4,000.00 saved"), or as typed when nothing could be read from it. */
export function valueText(give: ValueColumns): string | null {
  const read = describeValue({
    text: give.value_text,
    time:
      give.time_amount !== null && give.time_unit ? { amount: give.time_amount, unit: give.time_unit } : null,
    money:
      give.money_amount !== null && give.money_currency && give.money_direction
        ? { amount: give.money_amount, currency: give.money_currency, direction: give.money_direction }
        : null,
    risk: give.risk_reduced,
  });
  if (read) return read;
  return give.value_text ? escapeMrkdwn(truncate(give.value_text, 200)) : null;
}

/** One flow between sides, in words (src/gives/ledger-summary.ts): plain text, safe in mrkdwn. */
export const flowText = flowSummary;
