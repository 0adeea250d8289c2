import type { App } from '@slack/bolt';
import { UserError } from '../../../errors.js';
import type { Logger } from '../../../logger.js';
import { RAPPORT } from '../../ids.js';
import { rapportHelp } from '../../views/rapport/replies.js';
import type { RecordSetDeps } from '../record-set.js';
import { slashCommand } from '../slash-command.js';
import type { RapportSubcommand } from './rapport/subcommand.js';

/**
 * `/rapport <subcommand> …`: Rapport itself rather than a ritual (a person's own data, the admins'
 * settings). Each subcommand lives in its own file under `commands/rapport/` and is listed in
 * `commands/rapport/index.ts`; this only finds it by its first word and hands it the rest.
 */
export function registerRapportCommand(
  app: App,
  deps: RecordSetDeps & { log: Logger },
  subcommands: readonly RapportSubcommand[],
) {
  const byName = new Map(subcommands.map((s) => [s.name, s]));
  app.command(
    RAPPORT.command,
    slashCommand(deps, async (args, recordsOf) => {
      const text = args.command.text.trim();
      const [first = '', ...rest] = text.split(/\s+/);
      const name = first.toLowerCase();
      if (name === '' || name === 'help') return rapportHelp(subcommands);
      const subcommand = byName.get(name);
      if (!subcommand) {
        throw new UserError(
          `I don't know \`/rapport ${first.slice(0, 30)}\`. \`/rapport help\` lists what it can do.`,
        );
      }
      return subcommand.run(args, rest.join(' '), recordsOf);
    }),
  );
}
