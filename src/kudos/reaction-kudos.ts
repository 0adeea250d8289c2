import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { createGroupCommit, type GroupCommit } from '../db/group-commit.js';
import { applyKudosReactions, type KudosReactionChange } from '../db/repos/kudos.js';
import type { Directory } from '../people/directory.js';
import { type KudosEmoji, normalizeEmoji } from './kudos-emoji.js';

export type ReactionChange = {
  teamId: string;
  reactorId: string;
  /** The author of the message reacted to; absent for files and some bot posts. */
  authorId: string | undefined;
  itemType: string;
  channelId: string | undefined;
  messageTs: string | undefined;
  reaction: string;
  eventTs: string;
};

export type ReactionOutcome = 'stored' | 'ignored';

export type ReactionKudos = {
  added(change: ReactionChange): Promise<ReactionOutcome>;
  removed(change: ReactionChange): Promise<ReactionOutcome>;
};

/** Reactions arrive in bursts; up to this many are written by one statement. */
const MAX_REACTIONS_PER_WRITE = 500;

/**
 * A kudos-emoji reaction on someone else's message is a kudos from the reactor to the author;
 * removing it takes the kudos back. Everything else (other emoji, files, your own message, bots)
 * is ignored before any write. Each call returns once its reaction is stored.
 */
export function createReactionKudos(deps: {
  db: Database;
  directory: Directory;
  emoji: KudosEmoji;
  clock: Clock;
}): ReactionKudos {
  const writer: GroupCommit<KudosReactionChange> = createGroupCommit(
    (changes) => applyKudosReactions(deps.db, changes, deps.clock.now()),
    { maxItems: MAX_REACTIONS_PER_WRITE, maxConcurrentWrites: 1 },
  );

  const asKudosReaction = async (change: ReactionChange, active: boolean) => {
    const { authorId, channelId, messageTs } = change;
    if (change.itemType !== 'message' || !authorId || !channelId || !messageTs) return undefined;
    if (authorId === change.reactorId) return undefined;
    const emoji = normalizeEmoji(change.reaction);
    if (!(await deps.emoji.current(change.teamId)).includes(emoji)) return undefined;
    return {
      teamId: change.teamId,
      channelId,
      messageTs,
      reactorId: change.reactorId,
      authorId,
      emoji,
      eventTs: change.eventTs,
      active,
    };
  };

  return {
    async added(change) {
      const reaction = await asKudosReaction(change, true);
      if (!reaction) return 'ignored';
      const [author, reactor] = await Promise.all([
        deps.directory.isActiveHuman(change.teamId, reaction.authorId),
        deps.directory.isActiveHuman(change.teamId, reaction.reactorId),
      ]);
      if (!author || !reactor) return 'ignored';
      await writer.write(reaction);
      return 'stored';
    },
    async removed(change) {
      const reaction = await asKudosReaction(change, false);
      if (!reaction) return 'ignored';
      await writer.write(reaction);
      return 'stored';
    },
  };
}
