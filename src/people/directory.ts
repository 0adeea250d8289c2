import type { webApi } from '@slack/bolt';
import { PERSON_UNKNOWN, slackErrorCode } from '../slack/errors.js';
import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { findSlackUser, type SlackUserRow, saveSlackUser } from '../db/repos/slack-users.js';
import { RapportError } from '../errors.js';
import type { Logger } from '../logger.js';
import { profileFields } from './profile-fields.js';

export type Person = {
  userId: string;
  /** The workspace the person belongs to; differs from ours for Slack Connect guests. */
  homeTeamId: string | null;
  displayName: string;
  isBot: boolean;
  isDeleted: boolean;
  isAdmin: boolean;
  tz: string | null;
};

/** The parts of a Slack user object (users.info, user_change) the directory keeps. */
export type SlackUser = {
  id?: string;
  team_id?: string;
  name?: string;
  real_name?: string;
  profile?: { display_name?: string };
  is_bot?: boolean;
  deleted?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  tz?: string;
};

export interface Directory {
  /** The person, or undefined when Slack does not know the id. */
  find(teamId: string, userId: string): Promise<Person | undefined>;
  /** True for a real, active person: not a bot, not deactivated, known to Slack. */
  isActiveHuman(teamId: string, userId: string): Promise<boolean>;
  /** Takes a profile Slack pushed (user_change), so the next lookup needs no call. */
  remember(teamId: string, user: SlackUser): Promise<Person | undefined>;
}

type UsersApi = { users: Pick<webApi.WebClient['users'], 'info'> };

const STORED_FOR_MS = 24 * 60 * 60 * 1000;
const REMEMBERED_FOR_MS = 10 * 60 * 1000;
const UNKNOWN_REMEMBERED_FOR_MS = 60 * 1000;

type Entry = { person: Person } | { person: undefined };

/**
 * Who is who, from Slack's users.info, kept in Postgres for a day and in memory for minutes, so the
 * hot paths (a reaction, a command) rarely wait on the Web API. Concurrent lookups of one person
 * share one call. If Slack cannot be reached, a stored answer is used however old it is.
 */
export function createDirectory(deps: {
  db: Database;
  slack: UsersApi;
  /** The bot token for the workspace's users.info (src/slack/installations/bot-tokens.ts). */
  botTokenFor: (teamId: string) => Promise<string | undefined>;
  clock: Clock;
  log: Logger;
}): Directory {
  const log = deps.log.child({ component: 'directory' });

  /** What is kept of a profile Slack gave: the odd field set aside (and logged), the rest kept. */
  const keep = (
    teamId: string,
    user: SlackUser & { id: string },
    stored: SlackUserRow | undefined,
    now: Date,
  ) => {
    const { row, doubtful } = profileFields(
      teamId,
      user as Record<string, unknown> & { id: string },
      stored,
      now,
    );
    if (doubtful.length > 0)
      log.warn({ userId: user.id, doubtful }, 'fields of a Slack profile were not kept');
    return row;
  };

  const load = async (teamId: string, userId: string): Promise<Entry> => {
    const stored = await findSlackUser(deps.db, teamId, userId);
    const now = deps.clock.now();
    if (stored && now.getTime() - stored.fetched_at.getTime() < STORED_FOR_MS)
      return { person: toPerson(stored) };
    try {
      const token = await deps.botTokenFor(teamId);
      if (!token) throw new RapportError('not_installed', `Rapport is not installed in workspace ${teamId}`);
      const answer = await deps.slack.users.info({ user: userId, token });
      const user = answer.user;
      if (!user?.id) return { person: undefined };
      const row = keep(teamId, user as SlackUser & { id: string }, stored, now);
      await saveSlackUser(deps.db, row);
      return { person: toPerson(row) };
    } catch (error) {
      if (PERSON_UNKNOWN.has(slackErrorCode(error) ?? '')) return { person: undefined };
      if (stored) {
        log.warn({ err: error, userId }, 'users.info failed; using the stored profile');
        return { person: toPerson(stored) };
      }
      throw new RapportError('slack_unavailable', 'could not look the person up in Slack', { cause: error });
    }
  };

  const cache = new LRUCache<string, Entry>({
    max: 20_000,
    ttl: REMEMBERED_FOR_MS,
    fetchMethod: async (key, _stale, { options }) => {
      const [teamId = '', userId = ''] = key.split(':');
      const entry = await load(teamId, userId);
      if (entry.person === undefined) options.ttl = UNKNOWN_REMEMBERED_FOR_MS;
      return entry;
    },
  });

  const find = async (teamId: string, userId: string) => {
    const entry = await cache.fetch(`${teamId}:${userId}`);
    return entry?.person;
  };

  return {
    find,
    async remember(teamId, user) {
      if (typeof user.id !== 'string') return undefined;
      const stored = await findSlackUser(deps.db, teamId, user.id);
      const row = keep(teamId, user as SlackUser & { id: string }, stored, deps.clock.now());
      await saveSlackUser(deps.db, row);
      const person = toPerson(row);
      cache.set(`${teamId}:${user.id}`, { person });
      return person;
    },
    async isActiveHuman(teamId, userId) {
      const person = await find(teamId, userId);
      return person !== undefined && !person.isBot && !person.isDeleted;
    },
  };
}

function toPerson(row: SlackUserRow): Person {
  return {
    userId: row.user_id,
    homeTeamId: row.home_team_id,
    displayName: row.display_name,
    isBot: row.is_bot,
    isDeleted: row.is_deleted,
    isAdmin: row.is_admin,
    tz: row.tz,
  };
}
