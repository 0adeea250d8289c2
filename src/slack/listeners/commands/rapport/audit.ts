import type { AuditService } from '../../../../audit/audit.js';
import { UserError } from '../../../../errors.js';
import { auditLogMessage } from '../../../views/rapport/audit.js';
import { installedTeam } from '../../record-set.js';
import type { RapportSubcommand } from './subcommand.js';

/**
 * `/rapport audit`: the last changes to how Rapport runs in this workspace and the channels it
 * shares, for its admins and owners (the service checks).
 */
export function auditSubcommand(deps: { audit: AuditService }): RapportSubcommand {
  return {
    name: 'audit',
    help: '`/rapport audit`: the last 20 changes to how Rapport runs here (budgets, emoji, sides, rituals, charters, retention, erasures), with who and when',
    for: 'admins',
    async run(args, rest) {
      if (rest.trim() !== '') {
        throw new UserError('`/rapport audit` takes nothing after it: it shows the last 20 changes.');
      }
      const lines = await deps.audit.latest(installedTeam(args.context), args.command.user_id);
      return auditLogMessage(lines);
    },
  };
}
