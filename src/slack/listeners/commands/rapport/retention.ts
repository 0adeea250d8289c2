import type { RetentionService } from '../../../../retention/retention-service.js';
import { UserError } from '../../../../errors.js';
import { retentionReply } from '../../../views/rapport/retention.js';
import { installedTeam } from '../../record-set.js';
import type { RapportSubcommand } from './subcommand.js';

/** `/rapport retention`: how long Rapport keeps what, and its last daily run; admins only. */
export function retentionSubcommand(deps: { retention: RetentionService }): RapportSubcommand {
  return {
    name: 'retention',
    help: '`/rapport retention`: how long stand-up answers, retro notes and event records are kept, and the last daily erasure',
    for: 'admins',
    async run({ command, context }, rest) {
      if (rest.trim() !== '') {
        throw new UserError(
          'Retention is set where Rapport runs (RETENTION_DAYS_CHECKINS, RETENTION_DAYS_NOTES, RETENTION_DAYS_EVENTS), not in Slack: type `/rapport retention` alone to see it.',
        );
      }
      return retentionReply(await deps.retention.status(installedTeam(context), command.user_id));
    },
  };
}
