/** What `/decisions` was asked to do. */
export type DecisionsCommand = { kind: 'list' } | { kind: 'help' } | { kind: 'unknown'; text: string };

/** `/decisions` lists the channel's decisions; `/decisions help`; any other word is unknown. */
export function parseDecisionsCommand(text: string): DecisionsCommand {
  const typed = text.trim();
  const word = typed.toLowerCase();
  if (word === '') return { kind: 'list' };
  if (word === 'help') return { kind: 'help' };
  return { kind: 'unknown', text: typed };
}
