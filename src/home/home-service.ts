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
import { type PersonZone, zoneOfPerson } from '../people/time-zones.js';
import type { RitualKindId } from '../rituals/kinds.js';

/** How much of each list the Home tab shows; the rest is counted, so the tab stays within Slack's limits. */
export const HOME_SHOWS = { actionItems: 10, upcoming: 5, channels: 15, credits: 8 } as const;
const RECENT_DAYS = 30;

/** Everything one person's Home tab shows, read in one go. */
export type HomeDashboard = {
  userId: string;
  kudos: KudosSummary;
  /** Their credits, those waiting for their confirmation first. */
  credits: { credits: PersonCredit[]; total: number; waiting: number };
  /** Whether they get a DM when someone gives them kudos. */
  kudosDms: boolean;
  actionItems: { items: ActionItemRow[]; total: number };
  upcoming: UpcomingRitual[];
  awayUntil: string | undefined;
  channels: HomeChannel[];
  /** Their time zone as Rapport uses it, and where it came from (chosen, Slack's, or assumed). */
  zone: PersonZone;
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
}) {
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
      const [zone, sets] = await Promise.all([
        zoneOfPerson(deps, teamId, userId),
        recordSetsOf(deps.db, teamId),
      ]);
      const today = DateTime.fromJSDate(now, { zone: zone.zone }).toISODate() ?? '';
      const since = new Date(now.getTime() - RECENT_DAYS * 24 * 60 * 60 * 1000);
      const [kudos, credits, dms, actionItems, upcoming, away, channels] = await Promise.all([
        deps.kudosSummary(sets, userId),
        deps.creditsOf(sets, userId, HOME_SHOWS.credits),
        kudosDmsWanted(deps.db, teamId, [userId]),
        openActionItemsOwnedBy(deps.db, sets, userId, HOME_SHOWS.actionItems),
        upcomingRitualsOf(deps.db, sets, userId, HOME_SHOWS.upcoming),
        awayUntil(deps.db, sets, userId, today),
        channelsWithHealth(sets, userId, since),
      ]);
      return {
        userId,
        kudos,
        credits,
        kudosDms: dms.has(userId),
        actionItems,
        upcoming,
        awayUntil: away,
        channels,
        zone,
      };
    },
  };
}
