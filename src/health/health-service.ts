import { recordAudit } from '../audit/audit.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { clearSides, declaredSides, insertSides } from '../db/repos/alliance-sides.js';
import { latestStoredPeriods } from '../db/repos/health-periods.js';
import { enqueueMessages } from '../db/repos/outbox.js';
import { UserError } from '../errors.js';
import type { Directory } from '../people/directory.js';
import { computePeriods, PERIOD_MS, TREND_PERIODS } from './digest.js';
import { digestMessages } from './digest-messages.js';
import type { DeclaredSide } from './parse-command.js';
import { sideNamesOf, teamIdsOf } from './side-names.js';

const MINUTE_MS = 60 * 1000;

export type HealthService = ReturnType<typeof createHealthService>;
type Actor = { teamId: string; channelId: string; userId: string };

/** The alliance-health scorecard of a channel: now, posted as a digest, its history, its sides. */
export function createHealthService(deps: {
  db: Database;
  clock: Clock;
  directory: Directory;
  /** Fetches the names of the workspace's sides not fetched today (team.info, at the Slack edge). */
  teamNames?: { refresh(teamId: string, teamIds?: readonly string[]): Promise<void> };
}) {
  return {
    /** `/health`: the 7 days ending now, and the 7 days before them; nothing is stored. */
    async now(teamId: string, channelId: string) {
      const end = deps.clock.now();
      const [current, previous] = await computePeriods(deps.db, teamId, channelId, [
        end,
        new Date(end.getTime() - PERIOD_MS),
      ]);
      if (!current || !previous) throw new Error('a scorecard without its two weeks');
      await deps.teamNames?.refresh(teamId, teamIdsOf([current.inputs, previous.inputs]));
      const sideNames = await sideNamesOf(deps.db, teamId, [current.inputs, previous.inputs]);
      return { channelId, current, previous, sideNames };
    },

    /**
     * `/health post`: queues the digest of the 7 days to the end of this minute. Asked twice in one
     * minute (or delivered twice by Slack), it is queued once; false then.
     */
    async post(teamId: string, channelId: string): Promise<boolean> {
      await deps.teamNames?.refresh(teamId);
      const now = deps.clock.now();
      const end = new Date((Math.floor(now.getTime() / MINUTE_MS) + 1) * MINUTE_MS);
      const key = `health-post:${channelId}:${end.toISOString()}`;
      return deps.db.transaction(async (tx) => {
        const messages = await digestMessages(tx, { teamId, channelId, end, now, key });
        return (await enqueueMessages(tx, messages, now)).size > 0;
      });
    },

    /** `/health history`: the channel's last 8 stored weeks, newest first. */
    history(teamId: string, channelId: string) {
      return latestStoredPeriods(deps.db, teamId, channelId, TREND_PERIODS);
    },

    /** The sides the channel declared; none means each person's workspace is their side. */
    async sides(teamId: string, channelId: string) {
      return (await declaredSides(deps.db, teamId, channelId)).map((s) => ({
        name: s.side,
        userIds: s.user_ids,
      }));
    },

    /** Declares the channel's sides, replacing any declared before, or clears them. */
    async declareSides(actor: Actor, sides: DeclaredSide[] | 'clear'): Promise<void> {
      if (sides !== 'clear') await mustAllBePeople(deps.directory, actor.teamId, sides);
      await deps.db.transaction(async (tx) => {
        const cleared = await clearSides(tx, actor.teamId, actor.channelId);
        const where = { teamId: actor.teamId, actorId: actor.userId, channelId: actor.channelId };
        if (sides === 'clear') {
          // Clearing sides that were never declared changes nothing, so it is not recorded.
          if (cleared > 0)
            await recordAudit(tx, deps.clock, { ...where, action: 'sides.cleared', detail: {} });
          return;
        }
        await insertSides(tx, {
          teamId: actor.teamId,
          channelId: actor.channelId,
          sides,
          declaredBy: actor.userId,
          now: deps.clock.now(),
        });
        // Their number and size only: a side's name is what someone typed.
        const people = new Set(sides.flatMap((s) => s.userIds)).size;
        await recordAudit(tx, deps.clock, {
          ...where,
          action: 'sides.declared',
          detail: { sides: sides.length, people },
        });
      });
    },
  };
}

/** Sides are of people: an id Slack does not know, or a bot, is refused by name. */
async function mustAllBePeople(directory: Directory, teamId: string, sides: DeclaredSide[]): Promise<void> {
  const ids = sides.flatMap((s) => s.userIds);
  const found = await Promise.all(ids.map(async (id) => ({ id, person: await directory.find(teamId, id) })));
  const notPeople = found.filter((f) => !f.person || f.person.isBot || f.person.isDeleted).map((f) => f.id);
  if (notPeople.length > 0) {
    throw new UserError(
      `Sides are made of people, and ${notPeople
        .slice(0, 5)
        .map((id) => `<@${id}>`)
        .join(
          ', ',
        )} ${notPeople.length === 1 ? 'is not one I can find' : 'are not people I can find'} (unknown, a bot, or deactivated). Nothing was changed.`,
    );
  }
}
