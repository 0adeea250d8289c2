/** What `/pulse` was asked to do: the channel's latest closed round, or its usage. */
export type PulseCommand = { kind: 'latest' } | { kind: 'help' };

/** `/pulse help` shows the usage; anything else shows the latest round, as `/pulse` does. */
export function parsePulseCommand(text: string): PulseCommand {
  return /^\s*help\s*$/i.test(text) ? { kind: 'help' } : { kind: 'latest' };
}
