import { z } from 'zod';
import type { Clock } from '../clock.js';
import { RapportError } from '../errors.js';
import { MESSAGE_TS, SLACK_ID } from '../slack-values.js';
import { zoneOfPerson } from '../people/time-zones.js';
import type { Database } from '../db/database.js';
import { createGroupCommit, type GroupCommit } from '../db/group-commit.js';
import { lockKudosGiver } from '../db/repos/kudos-budget.js';
import { applyKudosReactions, type KudosReactionChange, reactionKudosStands } from '../db/repos/kudos.js';
import type { Directory } from '../people/directory.js';
import { type BudgetRefusal, budgetRefusal, giverDay, type KudosBudgets } from './budget.js';
import { giveDitto } from './ditto.js';
import { type KudosEmoji, normalizeEmoji } from './kudos-emoji.js';

export type ReactionChange = {
  teamId: string;
  reactorId: string;
  /** The author of the message reacted to; absent for files and some bot posts. */
  authorId: string | undefined;
  /** Rapport's own user id: a reaction to its message may be a ditto, never a kudos to the bot. */
  botUserId: string | undefined;
  itemType: string;
  channelId: string | undefined;
  messageTs: string | undefined;
  reaction: string;
  eventTs: string;
};

export type ReactionOutcome =
  | { kind: 'stored' }
  | { kind: 'ignored' }
  /** Nothing stored: the reactor hears why, privately. */
  | { kind: 'over_budget'; refusal: BudgetRefusal };

export type ReactionKudos = {
  added(change: ReactionChange): Promise<ReactionOutcome>;
  removed(change: ReactionChange): Promise<ReactionOutcome>;
};

/**
 * What a reaction must be to join a batch: the statement casts timestamps to numeric and keys rows
 * by the ids, so one that is not would fail every reaction written with it (the edge refuses such
 * payloads first; this keeps the batch safe whoever calls).
 */
const writable = z.object({
  teamId: z.string().regex(SLACK_ID),
  channelId: z.string().regex(SLACK_ID),
  messageTs: z.string().regex(MESSAGE_TS),
  reactorId: z.string().regex(SLACK_ID),
  authorId: z.string().regex(SLACK_ID),
  emoji: z.string().min(1).max(100),
  eventTs: z.string().regex(MESSAGE_TS),
});

function checkWritable(reaction: KudosReactionChange): KudosReactionChange {
  const checked = writable.safeParse(reaction);
  if (!checked.success) {
    const field = checked.error.issues[0]?.path.join('.') ?? 'reaction';
    throw new RapportError('reaction_unwritable', `a reaction with an invalid ${field} was not stored`);
  }
  return reaction;
}

/** Reactions arrive in bursts; up to this many are written by one statement. */
const MAX_REACTIONS_PER_WRITE = 500;
const STORED: ReactionOutcome = { kind: 'stored' };
const IGNORED: ReactionOutcome = { kind: 'ignored' };

/**
 * A kudos-emoji reaction on someone else's message is a kudos from the reactor to the author;
 * removing it takes the kudos back. On Rapport's own announcement it is a ditto. Everything else
 * (other emoji, files, your own message, bots) is ignored before any write. Each call returns once
 * its reaction is stored.
 *
 * A reaction kudos sends no DM: Slack already tells people who reacted to their messages, and the
 * reaction path stays one statement per batch.
 *
 * Without a budget, reactions are written in batches (group commit). In a workspace with a budget,
 * an addition that would give a new kudos is counted and written under the reactor's lock instead;
 * one over the budget stores nothing at all, not even the reaction's state, so removing it later
 * finds nothing to take back. A budget set on another replica applies here within 30 seconds.
 */
export function createReactionKudos(deps: {
  db: Database;
  directory: Directory;
  emoji: KudosEmoji;
  budgets: KudosBudgets;
  clock: Clock;
}): ReactionKudos {
  const writer: GroupCommit<KudosReactionChange> = createGroupCommit(
    async (changes) => {
      await applyKudosReactions(deps.db, changes, deps.clock.now());
    },
    { maxItems: MAX_REACTIONS_PER_WRITE, maxConcurrentWrites: 1 },
  );

  const isKudosEmoji = async (change: ReactionChange) =>
    (await deps.emoji.current(change.teamId)).includes(normalizeEmoji(change.reaction));

  const onMessage = (change: ReactionChange) => {
    const { channelId, messageTs } = change;
    return change.itemType === 'message' && channelId && messageTs ? { channelId, messageTs } : undefined;
  };

  /** Rapport's own messages (and author-less ones, which some bot posts are) can only be dittos. */
  const onBotMessage = (change: ReactionChange) =>
    change.authorId === undefined || change.authorId === change.botUserId;

  const asKudosReaction = (change: ReactionChange, active: boolean): KudosReactionChange | undefined => {
    const message = onMessage(change);
    const { authorId } = change;
    if (!message || !authorId || authorId === change.reactorId) return undefined;
    return {
      teamId: change.teamId,
      ...message,
      reactorId: change.reactorId,
      authorId,
      emoji: normalizeEmoji(change.reaction),
      eventTs: change.eventTs,
      active,
    };
  };

  /** An addition in a workspace with a budget: counted and written under the reactor's lock. */
  const addWithinBudget = (reaction: KudosReactionChange, zone: string) => {
    const now = deps.clock.now();
    return deps.db.transaction(async (tx): Promise<ReactionOutcome> => {
      await lockKudosGiver(tx, reaction.teamId, reaction.reactorId);
      const k = { ...reaction, giverId: reaction.reactorId };
      if (!(await reactionKudosStands(tx, k))) {
        const day = giverDay(zone, now);
        const refusal = await budgetRefusal(tx, { ...k, day, wanted: 1, now });
        if (refusal) return { kind: 'over_budget', refusal };
      }
      await applyKudosReactions(tx, [reaction], now);
      return STORED;
    });
  };

  return {
    async added(change) {
      const message = onMessage(change);
      if (!message || !(await isKudosEmoji(change))) return IGNORED;
      if (onBotMessage(change)) {
        return giveDitto(deps, { teamId: change.teamId, reactorId: change.reactorId, ...message });
      }
      const reaction = asKudosReaction(change, true);
      if (!reaction) return IGNORED;
      const [author, reactor] = await Promise.all([
        deps.directory.find(change.teamId, reaction.authorId),
        deps.directory.find(change.teamId, reaction.reactorId),
      ]);
      if (!author || author.isBot || author.isDeleted) return IGNORED;
      if (!reactor || reactor.isBot || reactor.isDeleted) return IGNORED;
      const withSides = { ...reaction, reactorTeamId: reactor.homeTeamId, authorTeamId: author.homeTeamId };
      if ((await deps.budgets.current(change.teamId)) !== null) {
        const zone = (await zoneOfPerson(deps, change.teamId, reactor.userId)).zone;
        return addWithinBudget(checkWritable(withSides), zone);
      }
      await writer.write(checkWritable(withSides));
      return STORED;
    },
    async removed(change) {
      // A ditto is given once: taking the reaction off the announcement does not take it back.
      if (onBotMessage(change) || !(await isKudosEmoji(change))) return IGNORED;
      const reaction = asKudosReaction(change, false);
      if (!reaction) return IGNORED;
      await writer.write(checkWritable(reaction));
      return STORED;
    },
  };
}
