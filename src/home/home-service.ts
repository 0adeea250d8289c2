import { DateTime } from 'luxon';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { type ActionItemRow, openActionItemsOwnedBy } from '../db/repos/action-items.js';
import { awayUntil } from '../db/repos/standups.js';
import { latestScores } from '../db/repos/health-periods.js';
import { channelsOfPerson, type UpcomingRitual, upcomingRitualsOf } from '../db/repos/rituals.js';
import { kudosDmsWanted, setKudosDms } from '../db/repos/person-settings.js';
import { recordSetsOf } from '../db/repos/shared-channels.js';
import type { PersonCredit } from '../credits/credits-service.js';
import type { KudosSummary } from '../kudos/summary.js';
import type { Directory } from '../people/directory.js';
import { LAST_RESORT_ZONE, type PersonZone, zoneOfPerson } from '../people/time-zones.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import type { Logger } from '../logger.js';
import type { RitualKindId } from '../rituals/kinds.js';

/** How much of each list the Home tab shows; the rest is counted, so the tab stays within Slack's limits. */
export const HOME_SHOWS = { actionItems: 10, upcoming: 5, channels: 15, credits: 8 } as const;
const RECENT_DAYS = 30;

/**
 * Everything one person's Home tab shows, read in one go. A part that could not be read is
 * undefined and named in `unread`: the tab shows the rest and says what it could not.
 */
export type HomeDashboard = {
  userId: string;
  kudos: KudosSummary | undefined;
  /** Their credits, those waiting for their confirmation first. */
  credits: { credits: PersonCredit[]; total: number; waiting: number } | undefined;
  /** Whether they get a DM when someone gives them kudos. */
  kudosDms: boolean | undefined;
  actionItems: { items: ActionItemRow[]; total: number } | undefined;
  upcoming: UpcomingRitual[] | undefined;
  awayUntil: string | undefined;
  channels: HomeChannel[] | undefined;
  /** Their time zone as Rapport uses it, and where it came from (chosen, Slack's, or assumed). */
  zone: PersonZone | undefined;
  /** What could not be read just now, in words: "your kudos", "your channels". */
  unread: string[];
};

/** A channel the person takes part in, what runs there, and its latest published health score. */
export type HomeChannel = {
  channel_id: string;
  kinds: RitualKindId[];
  /** The latest stored period's score (null: no data) and end; undefined while none is stored. */
  health: { score: number | null; periodEnd: Date } | undefined;
};

export type HomeService = ReturnType<typeof createHomeService>;

/** The Home tab's data: each person's own dashboard, from what the rituals recorded. */
export function createHomeService(deps: {
  db: Database;
  clock: Clock;
  directory: Directory;
  kudosSummary: (teamIds: readonly string[], userId: string) => Promise<KudosSummary>;
  creditsOf: (
    teamIds: readonly string[],
    userId: string,
    limit: number,
  ) => Promise<{ credits: PersonCredit[]; total: number; waiting: number }>;
  log: Logger;
}) {
  const log = deps.log.child({ component: 'home' });
  /**
   * The person's channels (one more than shown, so the tab knows there are more), each shown one with
   * its latest stored health score. Only the channels listed for them are asked about, so the tab
   * never shows another channel's score.
   */
  const channelsWithHealth = async (
    teamIds: readonly string[],
    userId: string,
    since: Date,
  ): Promise<HomeChannel[]> => {
    const channels = await channelsOfPerson(deps.db, teamIds, userId, since, HOME_SHOWS.channels + 1);
    const shown = channels.slice(0, HOME_SHOWS.channels).map((c) => c.channel_id);
    const scores = shown.length === 0 ? [] : await latestScores(deps.db, teamIds, shown);
    const byChannel = new Map(scores.map((s) => [s.channel_id, s]));
    return channels.map((c) => {
      const latest = byChannel.get(c.channel_id);
      return { ...c, health: latest && { score: latest.score, periodEnd: latest.period_end } };
    });
  };

  return {
    /** Turns the person's kudos DMs on or off (the Home tab's switch). */
    setKudosDms: (teamId: string, userId: string, on: boolean) => setKudosDms(deps.db, teamId, userId, on),

    /**
     * The person's dashboard, as their workspace's installation shows it: from the workspace's own
     * records and those of the channels it shares with other organisations.
     */
    async dashboard(teamId: string, userId: string): Promise<HomeDashboard> {
      const now = deps.clock.now();
      const unread: string[] = [];
      /** One part of the tab; if it cannot be read (and the database is there), the rest still shows. */
      const part = async <T>(what: string, read: () => Promise<T>): Promise<T | undefined> => {
        try {
          return await read();
        } catch (error) {
          if (isDatabaseUnavailable(error)) throw error;
          log.error({ err: error, part: what, userId }, 'a part of the Home tab could not be read');
          unread.push(what);
          return undefined;
        }
      };
      const [zone, sets] = await Promise.all([
        part('your time zone', () => zoneOfPerson(deps, teamId, userId)),
        recordSetsOf(deps.db, teamId),
      ]);
      const today = DateTime.fromJSDate(now, { zone: zone?.zone ?? LAST_RESORT_ZONE }).toISODate() as string;
      const since = new Date(now.getTime() - RECENT_DAYS * 24 * 60 * 60 * 1000);
      const [kudos, credits, dms, actionItems, upcoming, away, channels] = await Promise.all([
        part('your kudos', () => deps.kudosSummary(sets, userId)),
        part('your credits', () => deps.creditsOf(sets, userId, HOME_SHOWS.credits)),
        part('your kudos DM setting', () => kudosDmsWanted(deps.db, teamId, [userId])),
        part('your action items', () =>
          openActionItemsOwnedBy(deps.db, sets, userId, HOME_SHOWS.actionItems),
        ),
        part('your next check-ins', () => upcomingRitualsOf(deps.db, sets, userId, HOME_SHOWS.upcoming)),
        part('your away days', () => awayUntil(deps.db, sets, userId, today)),
        part('your channels', () => channelsWithHealth(sets, userId, since)),
      ]);
      return {
        userId,
        kudos,
        credits,
        kudosDms: dms?.has(userId),
        actionItems,
        upcoming,
        awayUntil: away,
        channels,
        zone,
        unread,
      };
    },
  };
}
