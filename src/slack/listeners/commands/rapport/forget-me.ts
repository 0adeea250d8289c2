import { UserError } from '../../../../errors.js';
import { requireAdmin } from '../../../../people/admins.js';
import type { Directory } from '../../../../people/directory.js';
import { LEADING_MENTION } from '../../../../people/mentions.js';
import { forgetMeConfirmation } from '../../../views/privacy/forget-me.js';
import { installedTeam } from '../../record-set.js';
import type { RapportSubcommand } from './subcommand.js';
import { requireDeactivated } from '../../deactivated.js';

/**
 * `/rapport forget-me`: a confirmation only the person sees, with a danger button behind Slack's
 * confirmation dialog; the button erases (`actions/privacy.ts`). `/rapport forget-me @member`: the
 * same for an admin, about a member Slack says is deactivated (users.info `deleted: true`).
 */
export function forgetMeSubcommand(deps: { directory: Directory }): RapportSubcommand {
  return {
    name: 'forget-me',
    help: '`/rapport forget-me`: erase what Rapport holds about you (admins: `/rapport forget-me @member` for a deactivated member)',
    for: 'everyone',
    async run(args, rest) {
      const text = rest.trim();
      if (text === '') return forgetMeConfirmation(undefined);
      const mention = LEADING_MENTION.exec(text);
      if (!mention?.[1] || text.slice(mention[0].length).trim() !== '') {
        throw new UserError(
          'Type `/rapport forget-me` to erase your own data, or, as an admin, `/rapport forget-me @member` for one deactivated member.',
          'bad_forget_me',
        );
      }
      const teamId = installedTeam(args.context);
      await requireAdmin(deps.directory, teamId, args.command.user_id, "erase another member's data");
      await requireDeactivated(args.client, mention[1]);
      return forgetMeConfirmation(mention[1]);
    },
  };
}
