import type { RapportSubcommand } from '../../listeners/commands/rapport/subcommand.js';
import { message, type SlackMessage, section } from '../blocks.js';

/** `/rapport` and `/rapport help`: what a person can do with their own data, then the admins'. */
export function rapportHelp(subcommands: readonly Pick<RapportSubcommand, 'help' | 'for'>[]): SlackMessage {
  const lines = (who: RapportSubcommand['for']) =>
    subcommands.filter((s) => s.for === who).map((s) => `• ${s.help}`);
  const everyone = lines('everyone');
  const admins = lines('admins');
  const text = [
    '*Rapport itself*',
    ...(everyone.length > 0 ? ['', '*For everyone*', ...everyone] : []),
    ...(admins.length > 0 ? ['', '*For workspace admins and owners*', ...admins] : []),
    '',
    'Each ritual has its own help: `/rituals help`, `/kudos help`, `/health help`.',
  ].join('\n');
  return message('How /rapport works', [section(text)]);
}
