import type { webApi } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import {
  adoptChannelRecords,
  getSharing,
  type RecordTable,
  recordSetOf,
  recordSetsOf,
  saveSharing,
  type SharingRow,
} from '../db/repos/shared-channels.js';
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import { slackErrorCode } from './errors.js';
import { within } from './within.js';

/**
 * Which record set a request belongs to. A Slack Connect channel has the same id in every
 * workspace it joins (https://docs.slack.dev/apis/slack-connect), so its records are one set, kept
 * under the channel's id, whichever installation delivered the request; everything else belongs to
 * the workspace of the installation the request came through (Bolt's `context.teamId`, which for a
 * view is `view.app_installed_team_id`: bolt-js #1614).
 */
export interface RecordSets {
  /** The set a request about `channelId` reads and writes; refuses an installation the channel is not shared with. */
  forChannel(installedTeamId: string, channelId: string): Promise<string>;
  /** The set holding row `id` of `table` if the installation may reach it; else the installation's own. */
  forRecord(installedTeamId: string, table: RecordTable, id: number): Promise<string>;
  /** Every set an installation may reach: its workspace's and its shared channels'. */
  reachableFrom(installedTeamId: string): Promise<string[]>;
  /** Asks Slack again whether a channel is shared, and with whom (on channel_shared, channel_unshared). */
  relearn(installedTeamId: string, channelId: string): Promise<void>;
}

/** What Rapport shows when a request names a channel or record its workspace has no part in. */
export const NOT_YOURS = "That isn't shared with your workspace, so I did nothing.";

type ConversationsApi = { conversations: Pick<webApi.WebClient['conversations'], 'info'> };
/** The parts of conversations.info's channel object that say who shares it (its Slack Connect fields). */
type ChannelInfo = {
  is_ext_shared?: boolean;
  is_im?: boolean;
  is_mpim?: boolean;
  shared_team_ids?: string[];
  connected_team_ids?: string[];
  internal_team_ids?: string[];
  conversation_host_id?: string;
  context_team_id?: string;
};

/** How long what Slack said about a channel is trusted before it is asked again. */
const CHECKED_FOR_MS = 24 * 60 * 60 * 1000;
const REMEMBERED_FOR_MS = 60 * 1000;
/** How long a request waits for Slack's answer before it goes on as its workspace's; the answer is still recorded. */
const ASK_WAIT_MS = 500;
/** conversations.info's answers for a channel the bot cannot see. */
const UNSEEN = new Set(['channel_not_found', 'not_in_channel', 'method_not_supported_for_channel_type']);

export function createRecordSets(deps: {
  db: Database;
  clock: Clock;
  log: Logger;
  slack: ConversationsApi;
  /** The bot token of the installation a request came through (src/slack/installations/bot-tokens.ts). */
  botTokenFor: (installedTeamId: string) => Promise<string | undefined>;
}): RecordSets {
  const remembered = new LRUCache<string, SharingRow>({ max: 10_000, ttl: REMEMBERED_FOR_MS });
  const learning = new Map<string, Promise<SharingRow | undefined>>();

  /** Asks Slack through the installation, records the answer, adopts the channel's earlier records. */
  const learn = async (installedTeamId: string, channelId: string): Promise<SharingRow | undefined> => {
    let info: ChannelInfo;
    try {
      const token = await deps.botTokenFor(installedTeamId);
      if (token === undefined) return undefined;
      const result = await deps.slack.conversations.info({ channel: channelId, token });
      info = (result.channel ?? {}) as ChannelInfo;
    } catch (error) {
      const code = slackErrorCode(error);
      // A channel the bot cannot see (a private one it is not in) is the workspace's for this
      // request, and nothing is recorded: once the bot is invited, the next request asks again.
      if (code === undefined || !UNSEEN.has(code)) {
        // Slack unreachable or slow: a later request asks again.
        deps.log.warn(
          { channelId, teamId: installedTeamId, error: code ?? String(error) },
          'could not tell whether a channel is shared',
        );
      }
      return undefined;
    }
    const teamIds = [
      ...new Set(
        [
          ...(info.shared_team_ids ?? []),
          ...(info.connected_team_ids ?? []),
          ...(info.internal_team_ids ?? []),
          info.conversation_host_id,
          info.context_team_id,
        ].filter((id): id is string => typeof id === 'string' && id !== ''),
      ),
    ].sort();
    const isShared = info.is_ext_shared === true && !info.is_im && teamIds.length > 1;
    return deps.db.transaction(async (tx) => {
      const row = await saveSharing(tx, {
        channelId,
        isShared,
        teamIds: isShared ? teamIds : [],
        hostTeamId: info.conversation_host_id ?? null,
        now: deps.clock.now(),
      });
      // What the installation recorded before the channel was known to be shared joins its set:
      // asked again each time Slack is, so a row written while the answer was on its way follows.
      const adopting = row.adopted_from === null || row.adopted_from === installedTeamId;
      if (isShared && adopting && (await adoptChannelRecords(tx, installedTeamId, channelId))) {
        deps.log.info({ channelId, teamId: installedTeamId }, 'a shared channel’s records joined its set');
        return { ...row, adopted_from: installedTeamId };
      }
      return row;
    });
  };

  const learnOnce = (installedTeamId: string, channelId: string) => {
    const key = `${installedTeamId}:${channelId}`;
    let pending = learning.get(key);
    if (!pending) {
      pending = learn(installedTeamId, channelId).finally(() => learning.delete(key));
      learning.set(key, pending);
    }
    return pending;
  };

  const sharingOf = async (installedTeamId: string, channelId: string): Promise<SharingRow | undefined> => {
    // Most channels are not shared: that answer is kept in memory for a minute, so a reaction in one
    // needs no lookup. A shared channel's row is read each time (one primary-key read), so every
    // request sees the same record as the database does.
    const cached = remembered.get(channelId);
    if (cached) return cached;
    let row = await getSharing(deps.db, channelId);
    const stale = !row || deps.clock.now().getTime() - row.checked_at.getTime() > CHECKED_FOR_MS;
    // An installation the channel was not shared with when last asked: it may have joined since.
    const newcomer = row?.is_shared === true && !row.team_ids.includes(installedTeamId);
    if (stale || newcomer) row = (await within(ASK_WAIT_MS, learnOnce(installedTeamId, channelId))) ?? row;
    if (row && !row.is_shared) remembered.set(channelId, row);
    return row;
  };

  return {
    async forChannel(installedTeamId, channelId) {
      // A DM (D…) is never shared: it belongs to the installation that has it.
      if (channelId.startsWith('D')) return installedTeamId;
      const sharing = await sharingOf(installedTeamId, channelId);
      if (!sharing?.is_shared) return installedTeamId;
      if (!sharing.team_ids.includes(installedTeamId)) throw new UserError(NOT_YOURS, 'not_shared');
      return channelId;
    },
    async forRecord(installedTeamId, table, id) {
      // A row out of reach is looked for in the installation's own set, where it is not found: the
      // person hears "no longer there", as for a row that never was, so nothing tells them it exists.
      return (await recordSetOf(deps.db, table, id, installedTeamId)) ?? installedTeamId;
    },
    reachableFrom: (installedTeamId) => recordSetsOf(deps.db, installedTeamId),
    async relearn(installedTeamId, channelId) {
      remembered.delete(channelId);
      const row = await learnOnce(installedTeamId, channelId);
      if (row && !row.is_shared) remembered.set(channelId, row);
    },
  };
}
