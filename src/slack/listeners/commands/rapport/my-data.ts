import type { Background } from '../../../background.js';
import type { PrivacyService } from '../../../../privacy/privacy-service.js';
import { myDataComing } from '../../../views/privacy/my-data.js';
import { installedTeam } from '../../record-set.js';
import type { RapportSubcommand } from './subcommand.js';

/**
 * `/rapport my-data`: answered at once; the file of everything Rapport holds about the person is
 * gathered after the answer and reaches them by DM through the outbox (a message, the file in its
 * thread), once per command however often Slack sends it (its trigger_id).
 */
export function myDataSubcommand(deps: {
  privacy: PrivacyService;
  background: Background;
}): RapportSubcommand {
  return {
    name: 'my-data',
    help: '`/rapport my-data`: a file, by DM, of everything Rapport holds about you',
    for: 'everyone',
    async run(args) {
      const installedTeamId = installedTeam(args.context);
      const { user_id: userId, trigger_id: requestKey } = args.command;
      deps.background.run('my data', () => deps.privacy.sendMyData({ installedTeamId, userId, requestKey }));
      return myDataComing();
    },
  };
}
