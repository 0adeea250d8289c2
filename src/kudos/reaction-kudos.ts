import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { recordKudosReactionAdded, recordKudosReactionRemoved } from '../db/repos/kudos.js';
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

export type ReactionOutcome = 'recorded' | 'retracted' | 'unchanged' | 'ignored';

type Deps = { db: Database; directory: Directory; emoji: KudosEmoji; clock: Clock };

/**
 * A kudos-emoji reaction on someone else's message is a kudos from the reactor to the author.
 * Everything else (other emoji, files, your own message, bots) is ignored before any Slack call.
 */
export async function onReactionAdded(deps: Deps, change: ReactionChange): Promise<ReactionOutcome> {
  const reaction = await asKudosReaction(deps, change);
  if (!reaction) return 'ignored';
  if (!(await bothAreHumans(deps.directory, change.teamId, reaction.authorId, change.reactorId)))
    return 'ignored';
  return (await recordKudosReactionAdded(deps.db, reaction)) ? 'recorded' : 'unchanged';
}

/** Removing the reaction takes the kudos back (unless another kudos emoji of the reactor stays). */
export async function onReactionRemoved(deps: Deps, change: ReactionChange): Promise<ReactionOutcome> {
  const reaction = await asKudosReaction(deps, change);
  if (!reaction) return 'ignored';
  return (await recordKudosReactionRemoved(deps.db, reaction)) ? 'retracted' : 'unchanged';
}

async function asKudosReaction(deps: Deps, change: ReactionChange) {
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
    now: deps.clock.now(),
  };
}

async function bothAreHumans(directory: Directory, teamId: string, authorId: string, reactorId: string) {
  const [author, reactor] = await Promise.all([
    directory.isActiveHuman(teamId, authorId),
    directory.isActiveHuman(teamId, reactorId),
  ]);
  return author && reactor;
}
