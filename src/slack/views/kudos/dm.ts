import type { GivenKudos } from '../../../db/repos/kudos.js';
import { context, message, quote, type SlackMessage, section } from '../blocks.js';

/**
 * The DM a person gets for a kudos: who recognised them, why, and where. `secondOf` is whoever gave
 * the kudos a ditto seconds.
 */
export function kudosDm(k: GivenKudos, secondOf?: string): SlackMessage {
  const where = `<#${k.channel_id}>`;
  const giver = `<@${k.giver_id}>`;
  let headline: string;
  if (k.source === 'reaction') {
    headline = `:clap: ${giver} gave you kudos: they reacted :${k.emoji ?? 'clap'}: to your message in ${where}.`;
  } else if (k.source === 'ditto') {
    const whose = secondOf ? ` <@${secondOf}>'s` : '';
    headline = `:tada: ${giver} seconded${whose} kudos to you in ${where}:`;
  } else {
    headline = `:tada: ${giver} gave you kudos in ${where}:`;
  }
  const body = k.reason ? `${headline}\n${quote(k.reason)}` : headline;
  const fallback = k.reason ? `${headline} ${k.reason}` : headline;
  return message(fallback, [
    section(body),
    context('You get a DM for each kudos to you. To stop them, turn kudos DMs off in my Home tab.'),
  ]);
}
