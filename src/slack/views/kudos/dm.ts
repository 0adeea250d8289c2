import type { GivenKudos } from '../../../db/repos/kudos.js';
import { context, listOf, message, quote, type SlackMessage, section, truncate } from '../blocks.js';

/**
 * The DM a person gets for a kudos with a reason (command, form, ditto): who recognised them, why,
 * and where. `secondOf` is whoever gave the kudos a ditto seconds.
 */
export function kudosDm(k: GivenKudos, secondOf?: string): SlackMessage {
  const where = `<#${k.channel_id}>`;
  const giver = `<@${k.giver_id}>`;
  const whose = secondOf ? ` <@${secondOf}>'s` : '';
  const headline =
    k.source === 'ditto'
      ? `:tada: ${giver} seconded${whose} kudos to you in ${where}:`
      : `:tada: ${giver} gave you kudos in ${where}:`;
  const reason = k.reason ?? '';
  return message(`${headline} ${reason}`, [
    section(`${headline}\n${quote(reason)}`),
    context('To stop these DMs, turn kudos DMs off in my Home tab.'),
  ]);
}

/** How many kudos a merged DM quotes; the rest are counted. */
const MERGED_SHOWN = 10;
const REASON_SHOWN = 500;

/**
 * Kudos DMs to one person that were ready together, as one message: "3 people gave you kudos",
 * then each kudos (who, where, why), at most MERGED_SHOWN of them, the rest counted.
 */
export function kudosDms(items: readonly { kudos: GivenKudos; secondOf?: string }[]): SlackMessage {
  const [only] = items;
  if (items.length === 1 && only) return kudosDm(only.kudos, only.secondOf);
  const givers = [...new Set(items.map((i) => i.kudos.giver_id))];
  const headline =
    givers.length === 1
      ? `:tada: <@${givers[0] ?? ''}> gave you ${items.length} kudos:`
      : `:tada: ${givers.length} people gave you kudos: ${listOf(givers.slice(0, 5).map((g) => `<@${g}>`))}${givers.length > 5 ? ' and more' : ''}.`;
  const lines = items.slice(0, MERGED_SHOWN).map(({ kudos: k, secondOf }) => {
    const what = k.source === 'ditto' ? `seconded${secondOf ? ` <@${secondOf}>'s` : ''} kudos` : 'kudos';
    return section(
      `<@${k.giver_id}>, ${what} in <#${k.channel_id}>:\n${quote(truncate(k.reason ?? '', REASON_SHOWN))}`,
    );
  });
  const more =
    items.length > MERGED_SHOWN ? [context(`…and ${items.length - MERGED_SHOWN} more, on my Home tab.`)] : [];
  return message(headline, [
    section(headline),
    ...lines,
    ...more,
    context('To stop these DMs, turn kudos DMs off in my Home tab.'),
  ]);
}
