import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { UserError } from '../errors.js';
import type { Directory } from '../people/directory.js';
import { type CommandKudosInput, giveKudosByCommand } from './give-by-command.js';
import { createKudosEmoji, parseEmojiNames } from './kudos-emoji.js';
import { createReactionKudos } from './reaction-kudos.js';
import { summarizeKudos } from './summary.js';

export type KudosService = ReturnType<typeof createKudosService>;

/** Everything kudos can do, whichever Slack surface asks for it. */
export function createKudosService(deps: { db: Database; directory: Directory; clock: Clock }) {
  const emoji = createKudosEmoji(deps);
  const reactions = createReactionKudos({ ...deps, emoji });
  return {
    currentEmoji: (teamId: string) => emoji.current(teamId),
    giveByCommand: (input: CommandKudosInput) => giveKudosByCommand(deps, input),
    reactionAdded: reactions.added,
    reactionRemoved: reactions.removed,
    summary: (teamId: string, userId: string) => summarizeKudos(deps, teamId, userId),
    /** Replaces the workspace's kudos emoji; only workspace admins and owners may. */
    async replaceEmoji(teamId: string, userId: string, words: readonly string[]): Promise<string[]> {
      const names = parseEmojiNames(words);
      const person = await deps.directory.find(teamId, userId);
      if (!person?.isAdmin) {
        throw new UserError('Only workspace admins and owners can change the kudos emoji.', 'forbidden');
      }
      await emoji.replace(teamId, names);
      return names;
    },
  };
}
