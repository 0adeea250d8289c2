import type { WebClient } from '@slack/web-api';
import { UserError } from '../errors.js';
import { slackErrorCode } from './errors.js';

/**
 * The people of the user groups a command named (`@globex-leads`), through usergroups.users.list
 * (scope usergroups:read; docs.slack.dev/reference/methods/usergroups.users.list), with the token of
 * the workspace the command came from. A partner organisation's group is not visible to it
 * ("no_such_subteam"), so it is refused by name with what to do instead.
 */
export async function peopleOfGroups(client: WebClient, groupIds: readonly string[]): Promise<string[]> {
  const people: string[] = [];
  for (const usergroup of groupIds) {
    let users: string[];
    try {
      users = (await client.usergroups.users.list({ usergroup })).users ?? [];
    } catch (error) {
      throw refusalFor(slackErrorCode(error), error);
    }
    for (const user of users) if (!people.includes(user)) people.push(user);
  }
  return people;
}

function refusalFor(code: string | undefined, cause: unknown): Error {
  switch (code) {
    case 'no_such_subteam':
      return new UserError(
        'I can’t see that user group: it may belong to the partner’s workspace, or be disabled. Name its people instead.',
        'unknown_group',
      );
    case 'missing_scope':
      return new UserError(
        'To give to a user group, Rapport needs permission to read user groups (usergroups:read): a workspace admin reinstalls Rapport to grant it. Name the people instead for now.',
        'missing_scope',
      );
    case 'plan_upgrade_required':
      return new UserError(
        'This workspace’s Slack plan has no user groups. Name the people instead.',
        'no_groups',
      );
    default:
      return cause instanceof Error ? cause : new Error(String(cause));
  }
}
