import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { declaredSides } from '../db/repos/alliance-sides.js';
import {
  questionAwaits,
  recordQuestion,
  recordReply,
  responsivenessIsOn,
  responsivenessSetting,
  type ResponsivenessSetting,
  setResponsivenessTarget,
  turnOffResponsiveness,
  turnOnResponsiveness,
} from '../db/repos/responsiveness.js';
import { UserError } from '../errors.js';
import type { Directory } from '../people/directory.js';
import { zoneOfPerson } from '../people/time-zones.js';
import { requireAdmin } from '../people/admins.js';
import type { ResponsivenessChange } from './parse-command.js';

type Actor = { teamId: string; channelId: string; userId: string };

/**
 * A message a person posted in a channel, as the message event brings it: not its text, only
 * whether it asks something (src/health/asks.ts, read once at the edge).
 */
export type ChannelMessage = {
  teamId: string;
  channelId: string;
  userId: string;
  /** The author's own workspace, when the event says (a Slack Connect message's `user_team`). */
  userTeamId?: string;
  ts: string;
  threadTs?: string;
  asks: boolean;
};

export type ResponsivenessStatus = { on: false } | ({ on: true } & ResponsivenessSetting);
/** What a change did: said back to the admin who asked for it. */
export type ResponsivenessDone =
  | { kind: 'turned_on' | 'already_on' | 'target_set' | 'already_off' }
  | { kind: 'turned_off'; erased: number };
export type MessageOutcome = 'ignored' | 'recorded' | 'not_recorded';

export type ResponsivenessService = ReturnType<typeof createResponsivenessService>;

/** `/health responsiveness`, and the message events it records while it is on. */
export function createResponsivenessService(deps: { db: Database; clock: Clock; directory: Directory }) {
  const status = async (teamId: string, channelId: string): Promise<ResponsivenessStatus> => {
    const setting = await responsivenessSetting(deps.db, teamId, channelId);
    return setting ? { on: true, ...setting } : { on: false };
  };

  return {
    status,

    /** Turns it on or off, or sets its target; says what it did, and the status after. */
    async change(
      actor: Actor,
      change: ResponsivenessChange,
    ): Promise<{ did: ResponsivenessDone; status: ResponsivenessStatus }> {
      await requireAdmin(
        deps.directory,
        actor.teamId,
        actor.userId,
        'turn responsiveness on or off, or set its target',
      );
      const { teamId, channelId } = actor;
      let did: ResponsivenessDone;
      switch (change.to) {
        case 'on': {
          // A channel's own id is its record set only when it is shared between organisations.
          const shared = teamId === channelId;
          if (!shared && (await declaredSides(deps.db, teamId, channelId)).length < 2) {
            throw new UserError(
              'Responsiveness is measured between sides: this channel is not shared with another organisation and has not declared two sides. Declare them first with `/health sides`.',
              'no_sides',
            );
          }
          const first = await turnOnResponsiveness(deps.db, { ...actor, now: deps.clock.now(), ...change });
          did = {
            kind: first ? 'turned_on' : change.targetMinutes === undefined ? 'already_on' : 'target_set',
          };
          break;
        }
        case 'off': {
          const erased = await turnOffResponsiveness(deps.db, teamId, channelId);
          did = erased === null ? { kind: 'already_off' } : { kind: 'turned_off', erased };
          break;
        }
        case 'target':
          if (!(await setResponsivenessTarget(deps.db, teamId, channelId, change.targetMinutes))) {
            throw new UserError(
              'Responsiveness is off in this channel: turn it on with `/health responsiveness on`, with a target if you like (`/health responsiveness on 2h`).',
              'off',
            );
          }
          did = { kind: 'target_set' };
          break;
      }
      return { did, status: await status(teamId, channelId) };
    },

    /**
     * A message in a channel: a question that opens a thread is recorded, and so is the first reply
     * to it from another side, while the channel has it on. Nothing else costs more than a read.
     */
    async message(m: ChannelMessage): Promise<MessageOutcome> {
      const at = new Date(Number(m.ts) * 1000);
      const isReply = m.threadTs !== undefined && m.threadTs !== m.ts;
      if (!isReply && !m.asks) return 'ignored';
      const threadTs = m.threadTs ?? m.ts;
      const waiting = isReply
        ? await questionAwaits(deps.db, m.teamId, m.channelId, threadTs, at)
        : await responsivenessIsOn(deps.db, m.teamId, m.channelId);
      if (!waiting) return 'ignored';
      const person = await deps.directory.find(m.teamId, m.userId);
      if (person?.isBot) return 'ignored';
      // Their workspace is their side where sides are not declared; a workspace's own channel is its own.
      const userTeamId =
        m.userTeamId ?? person?.homeTeamId ?? (m.teamId === m.channelId ? undefined : m.teamId);
      if (userTeamId === undefined) return 'ignored';
      const { zone } = await zoneOfPerson(deps, m.teamId, m.userId);
      const authored = {
        teamId: m.teamId,
        channelId: m.channelId,
        threadTs,
        userId: m.userId,
        userTeamId,
        zone,
        at,
      };
      const recorded = isReply
        ? await recordReply(deps.db, authored)
        : await recordQuestion(deps.db, authored);
      return recorded ? 'recorded' : 'not_recorded';
    },
  };
}
