import type { SlashCommand } from '../api-types.js';

/** While the command's name is being typed ("/ku"): the commands it could be. */
export function suggestCommands(text: string, commands: readonly SlashCommand[]): SlashCommand[] {
  const match = /^(\/\S*)$/.exec(text);
  if (!match?.[1]) return [];
  const typed = match[1].toLowerCase();
  return commands.filter(
    (c) => c.command.toLowerCase().startsWith(typed) && c.command.toLowerCase() !== typed,
  );
}

/** Once a command is named ("/kudos …"): that command, for its usage hint. */
export function commandBeingUsed(text: string, commands: readonly SlashCommand[]): SlashCommand | undefined {
  const name = /^(\/\S+)(\s|$)/.exec(text)?.[1]?.toLowerCase();
  return name ? commands.find((c) => c.command.toLowerCase() === name) : undefined;
}
