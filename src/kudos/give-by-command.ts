import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { insertCommandKudos } from '../db/repos/kudos.js';
import { UserError } from '../errors.js';
import type { Directory } from '../people/directory.js';

export type CommandKudosInput = {
  teamId: string;
  giverId: string;
  channelId: string;
  /** The command's trigger_id, unique per invocation: a replayed request records nothing. */
  commandId: string;
  recipientIds: readonly string[];
  reason: string;
};

export type CommandKudosResult = { recipientIds: string[]; replayed: boolean };

/**
 * Checks every recipient, then records one kudos each in a single statement: all of them or none.
 */
export async function giveKudosByCommand(
  deps: { db: Database; directory: Directory; clock: Clock },
  input: CommandKudosInput,
): Promise<CommandKudosResult> {
  if (input.recipientIds.includes(input.giverId)) {
    throw new UserError(
      'Kudos are for recognising someone else, so you cannot give them to yourself. Nothing was recorded.',
    );
  }
  const people = await Promise.all(
    input.recipientIds.map(async (id) => ({ id, person: await deps.directory.find(input.teamId, id) })),
  );
  for (const { id, person } of people) {
    if (person === undefined)
      throw new UserError(`I can't find <@${id}> in this workspace. Nothing was recorded.`);
    if (person.isBot) throw new UserError(`<@${id}> is a bot; kudos are for people. Nothing was recorded.`);
    if (person.isDeleted) {
      throw new UserError(
        `<@${id}> has been deactivated, so they can't receive kudos. Nothing was recorded.`,
      );
    }
  }
  const inserted = await insertCommandKudos(deps.db, {
    teamId: input.teamId,
    giverId: input.giverId,
    channelId: input.channelId,
    commandId: input.commandId,
    reason: input.reason,
    receiverIds: input.recipientIds,
    now: deps.clock.now(),
  });
  return { recipientIds: [...input.recipientIds], replayed: inserted.length === 0 };
}
