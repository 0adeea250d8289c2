import type { GivenKudos } from '../../../db/repos/kudos.js';
import { context, message, quote, type SlackMessage, section } from '../blocks.js';

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
