import type { webApi } from '@slack/bolt';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { saveTeamName, teamNamesToFetch } from '../db/repos/team-names.js';
import type { Logger } from '../logger.js';
import { slackErrorCode } from '../slack/errors.js';

type TeamApi = { team: Pick<webApi.WebClient['team'], 'info'> };

/** How long a workspace's name is kept before team.info is asked again. */
const KEPT_FOR_MS = 24 * 60 * 60 * 1000;
const AT_ONCE = 50;
const WAIT_MS = 1_000;

export type TeamNames = {
  /**
   * Fetches the names of `teamId`'s workspaces (its own, its people's, and `teamIds`) not fetched
   * today; waits for it a second at most.
   */
  refresh(teamId: string, teamIds?: readonly string[]): Promise<void>;
  /** The same for every workspace: the scheduler's hourly turn, so a weekly digest finds names. */
  refreshAll(): Promise<void>;
};

/**
 * Workspaces' names from team.info (scope team:read), kept in Postgres (team_names) for a day, so
 * the health digest, its chart and /health can call each side of an alliance by its name. team.info
 * takes `team` for another workspace and "will only return team that the authenticated token is
 * allowed to see through external shared channels" (../shared/slack-fixtures/specs/
 * slack_web_openapi_v2.json, /team.info; https://docs.slack.dev/reference/methods/team.info).
 * A refusal (no team:read yet, a workspace not visible) is kept as "no name" for the day; the
 * health views then say "Partner workspace (T…)". A failure to reach Slack keeps nothing, so the next
 * turn asks again.
 */
export function createTeamNames(deps: {
  db: Database;
  slack: TeamApi;
  /** The bot token of the installation that serves a record set (src/slack/installations/bot-tokens.ts). */
  botTokenFor: (teamId: string) => Promise<string | undefined>;
  clock: Clock;
  log: Logger;
}): TeamNames {
  const log = deps.log.child({ component: 'team-names' });
  const fetch = async (teamId: string | null, teamIds: readonly string[] = []) => {
    const now = deps.clock.now();
    const before = new Date(now.getTime() - KEPT_FOR_MS);
    const due = await teamNamesToFetch(deps.db, teamId, before, AT_ONCE, teamIds);
    for (const row of due) {
      try {
        const token = await deps.botTokenFor(row.team_id);
        // Rapport is no longer installed where these names were asked for: nothing to ask with.
        if (token === undefined) continue;
        const answer = await deps.slack.team.info({
          ...(row.team_id === row.named_team_id ? {} : { team: row.named_team_id }),
          token,
        });
        const name = answer.team?.name?.trim() || null;
        await saveTeamName(deps.db, { teamId: row.team_id, namedTeamId: row.named_team_id, name, now });
      } catch (error) {
        const code = slackErrorCode(error);
        if (code) {
          await saveTeamName(deps.db, {
            teamId: row.team_id,
            namedTeamId: row.named_team_id,
            name: null,
            now,
          });
          log.info(
            { teamId: row.team_id, namedTeamId: row.named_team_id, error: code },
            'team.info gave no name',
          );
        } else {
          log.warn({ err: error, namedTeamId: row.named_team_id }, 'team.info failed; asking again later');
        }
      }
    }
  };
  // One pass per workspace at a time; a command waits for it at most WAIT_MS (it answers Slack
  // within 3 seconds), and a slow pass goes on by itself: the next reply has the names.
  const running = new Map<string, Promise<void>>();
  const pass = (teamId: string | null, teamIds?: readonly string[]) => {
    const key = teamId ?? '*';
    const current = running.get(key);
    if (current) return current;
    const run = fetch(teamId, teamIds)
      .catch((error: unknown) => log.warn({ err: error, teamId }, 'fetching team names failed'))
      .finally(() => running.delete(key));
    running.set(key, run);
    return run;
  };
  return {
    refresh: (teamId, teamIds) =>
      Promise.race([
        pass(teamId, teamIds),
        new Promise<void>((resolve) => setTimeout(resolve, WAIT_MS).unref()),
      ]),
    refreshAll: () => pass(null),
  };
}
