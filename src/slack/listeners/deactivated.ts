import type { webApi } from '@slack/bolt';
import { UserError } from '../../errors.js';
import { PERSON_UNKNOWN, slackErrorCode } from '../errors.js';

const NOT_DEACTIVATED =
  'Admins can erase only a member Slack says is deactivated. An active member can erase their own data with `/rapport forget-me`.';

/**
 * Refuses unless Slack says, now, that the member is deactivated: users.info's `user.deleted` is
 * true (docs.slack.dev/reference/methods/users.info; the user object's `deleted` field, as in
 * ../shared/slack-fixtures/web-api/openapi-examples/users.info.ok.json). Asked afresh, never from
 * the directory's day-old copy: a member reactivated since must not be erased.
 */
export async function requireDeactivated(
  client: { users: Pick<webApi.WebClient['users'], 'info'> },
  userId: string,
): Promise<void> {
  const deleted = await client.users.info({ user: userId }).then(
    (answer) => answer.user?.deleted === true,
    (error: unknown) => {
      if (PERSON_UNKNOWN.has(slackErrorCode(error) ?? '')) {
        throw new UserError("Slack doesn't know that member, so I erased nothing.", 'unknown_member');
      }
      throw error;
    },
  );
  if (!deleted) throw new UserError(NOT_DEACTIVATED, 'member_active');
}
