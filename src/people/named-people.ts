import { UserError } from '../errors.js';
import type { Directory, Person } from './directory.js';

/**
 * The people a command or form named, each a real, active person of the workspace, in the order
 * named. Throws UserError naming the first who is not: unknown, a bot, or deactivated, in the
 * words `refusals` gives for the last two.
 */
export async function namedPeople(
  directory: Directory,
  teamId: string,
  ids: readonly string[],
  refusals: { bot: string; deactivated: string },
): Promise<Person[]> {
  const people = await Promise.all(ids.map((id) => directory.find(teamId, id)));
  return people.map((person, i) => {
    const who = `<@${ids[i]}>`;
    if (!person) throw new UserError(`I can't find ${who} in this workspace. Nothing was saved.`);
    if (person.isBot) throw new UserError(`${who} is a bot; ${refusals.bot} Nothing was saved.`);
    if (person.isDeleted)
      throw new UserError(`${who} has been deactivated, so ${refusals.deactivated} Nothing was saved.`);
    return person;
  });
}
