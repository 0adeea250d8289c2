import type { AuditService } from '../../../../audit/audit.js';
import type { Logger } from '../../../../logger.js';
import type { Directory } from '../../../../people/directory.js';
import type { PrivacyService } from '../../../../privacy/privacy-service.js';
import type { Background } from '../../../background.js';
import { forgetMeSubcommand } from './forget-me.js';
import { myDataSubcommand } from './my-data.js';
import type { RetentionService } from '../../../../retention/retention-service.js';
import { auditSubcommand } from './audit.js';
import { retentionSubcommand } from './retention.js';
import type { RapportSubcommand } from './subcommand.js';

/** What the subcommands need (ListenerDeps has it all); each adds its own service here. */
export type RapportDeps = {
  log: Logger;
  audit: AuditService;
  retention: RetentionService;
  privacy: PrivacyService;
  directory: Directory;
  background: Background;
};

/** Every `/rapport` subcommand, in the order `/rapport help` lists them. */
export function rapportSubcommands(deps: RapportDeps): readonly RapportSubcommand[] {
  return [myDataSubcommand(deps), forgetMeSubcommand(deps), retentionSubcommand(deps), auditSubcommand(deps)];
}
