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

/**
 * The ids of user groups typed as `@handle` (or as their id, S…) in a form, through usergroups.list
 * (scope usergroups:read; docs.slack.dev/reference/methods/usergroups.list: each group's `id` and
 * `handle`), asked once and only when a handle was typed. `unknown` lists what matched no group of
 * the workspace (a partner's groups are not listed to it).
 */
export async function groupIdsOfHandles(
  client: WebClient,
  typed: readonly string[],
): Promise<{ ids: Map<string, string>; unknown: string[] }> {
  const ids = new Map<string, string>();
  const handles = typed.filter((t) => !/^S[A-Z0-9]{2,30}$/.test(t));
  for (const t of typed) if (!handles.includes(t)) ids.set(t, t);
  if (handles.length === 0) return { ids, unknown: [] };
  let groups: { id?: string; handle?: string }[];
  try {
    groups = (await client.usergroups.list({})).usergroups ?? [];
  } catch (error) {
    throw refusalFor(slackErrorCode(error), error);
  }
  const byHandle = new Map(groups.map((g) => [(g.handle ?? '').toLowerCase(), g.id ?? '']));
  const unknown: string[] = [];
  for (const h of handles) {
    const id = byHandle.get(h.replace(/^@/, '').toLowerCase());
    if (id) ids.set(h, id);
    else unknown.push(h);
  }
  return { ids, unknown };
}

/** The handles of user groups by id, for a form that shows them again; none where Slack says no. */
export async function handlesOfGroups(
  client: WebClient,
  groupIds: readonly string[],
): Promise<Map<string, string>> {
  if (groupIds.length === 0) return new Map();
  try {
    const groups = (await client.usergroups.list({})).usergroups ?? [];
    return new Map(groups.filter((g) => g.id && g.handle).map((g) => [g.id ?? '', g.handle ?? '']));
  } catch {
    return new Map();
  }
}
