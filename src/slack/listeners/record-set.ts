import type { Context } from '@slack/bolt';
import type { RecordTable } from '../../db/repos/shared-channels.js';
import { UserError } from '../../errors.js';
import type { RecordSets } from '../record-sets.js';

export type RecordSetDeps = { records: RecordSets };

const NO_WORKSPACE = 'That request did not say which workspace it came from, so I did nothing.';

/**
 * The workspace whose installation a request came through: Bolt's `context.teamId` (for a view,
 * `view.app_installed_team_id`; bolt-js #1614), or the organisation of an org-wide install.
 * Never `body.team` alone: a partner's member's view_submission carries their own team.
 */
export function installedTeam(context: Context): string {
  const id = context.teamId ?? context.enterpriseId;
  if (!id) throw new UserError(NO_WORKSPACE, 'no_workspace');
  return id;
}

/** The record set a request about `channelId` belongs to (a shared channel's own, or the workspace's). */
export function channelRecords(deps: RecordSetDeps, context: Context, channelId: string): Promise<string> {
  return deps.records.forChannel(installedTeam(context), channelId);
}

/** The record set holding row `id` of `table`, when the request's workspace may reach it. */
export function rowRecords(deps: RecordSetDeps, context: Context, table: RecordTable, id: number) {
  return deps.records.forRecord(installedTeam(context), table, id);
}

/**
 * The record set an event about `channelId` belongs to, or undefined when the event's installation
 * has no part in that channel (it is then dropped: acknowledged, nothing stored). An Events API
 * envelope says `is_ext_shared_channel` (https://docs.slack.dev/apis/events-api#callback-field), so
 * an event of a channel that is not shared needs no lookup. Events with no channel belong to the
 * installation's workspace.
 */
export async function eventRecords(
  deps: RecordSetDeps,
  context: Context,
  body: { is_ext_shared_channel?: boolean; team_id?: string },
  channelId: string | undefined,
): Promise<string | undefined> {
  const installed = context.teamId ?? context.enterpriseId ?? body.team_id;
  if (!installed) return undefined;
  if (!channelId || body.is_ext_shared_channel === false) return installed;
  try {
    return await deps.records.forChannel(installed, channelId);
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
}
