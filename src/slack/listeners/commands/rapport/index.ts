import type { Logger } from '../../../../logger.js';
import type { RapportSubcommand } from './subcommand.js';

/** What the subcommands need (ListenerDeps has it all); each adds its own service here. */
export type RapportDeps = { log: Logger };

/** Every `/rapport` subcommand, in the order `/rapport help` lists them. */
export function rapportSubcommands(deps: RapportDeps): readonly RapportSubcommand[] {
  void deps;
  return [];
}
