import type { SlackMessage } from '../../../views/blocks.js';
import type { CommandArgs } from '../../slash-command.js';

/** One `/rapport <name> …` (listed in `./index.ts`, found by `../rapport.ts`). */
export type RapportSubcommand = {
  /** The first word after `/rapport`, in lower case. */
  name: string;
  /** Its line in `/rapport help`: how to type it, then what it does. */
  help: string;
  /** Who may use it; an admins' subcommand still checks for itself (`people/admins.ts`). */
  for: 'everyone' | 'admins';
  /**
   * Runs it: `rest` is the text after the name. What it returns is the ephemeral reply; a
   * UserError's message is shown instead (`slash-command.ts`).
   */
  run(args: CommandArgs, rest: string, recordsOf: () => Promise<string>): Promise<SlackMessage | undefined>;
};
