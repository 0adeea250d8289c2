import type { ListenerDeps } from '../../index.js';
import type { RapportSubcommand } from './subcommand.js';

/** Every `/rapport` subcommand, in the order `/rapport help` lists them. */
export function rapportSubcommands(deps: ListenerDeps): readonly RapportSubcommand[] {
  void deps;
  return [];
}
