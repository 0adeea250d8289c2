/** What `/charter` was asked to do. */
export type CharterCommand =
  | { kind: 'show' }
  | { kind: 'edit' }
  | { kind: 'history' }
  | { kind: 'help' }
  | { kind: 'unknown'; text: string };

/** `/charter`, `/charter edit`, `/charter history`, `/charter help`; anything else is unknown. */
export function parseCharterCommand(text: string): CharterCommand {
  const typed = text.trim();
  switch (typed.toLowerCase()) {
    case '':
      return { kind: 'show' };
    case 'edit':
      return { kind: 'edit' };
    case 'history':
      return { kind: 'history' };
    case 'help':
      return { kind: 'help' };
    default:
      return { kind: 'unknown', text: typed };
  }
}
