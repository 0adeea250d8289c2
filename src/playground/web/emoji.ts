/**
 * The few emoji the page draws as pictures; any other name is shown as Slack writes it, `:name:`.
 * Rapport counts `clap` and `raised_hands` as kudos unless a workspace chose others
 * (src/db/repos/workspaces.ts, DEFAULT_KUDOS_EMOJI), so the reaction picker offers those first.
 */
const EMOJI: Record<string, string> = {
  clap: '👏',
  raised_hands: '🙌',
  tada: '🎉',
  '+1': '👍',
  thumbsup: '👍',
  heart: '❤️',
  pray: '🙏',
  rocket: '🚀',
  eyes: '👀',
  white_check_mark: '✅',
  fire: '🔥',
  star: '⭐',
  muscle: '💪',
  warning: '⚠️',
  sparkles: '✨',
  '100': '💯',
  smile: '😄',
  thinking_face: '🤔',
};

/** What the reaction picker offers: the kudos emoji first (marked), then everyday ones. */
export const PICKER_EMOJI: { name: string; kudos: boolean }[] = [
  { name: 'clap', kudos: true },
  { name: 'raised_hands', kudos: true },
  { name: 'tada', kudos: false },
  { name: '+1', kudos: false },
  { name: 'heart', kudos: false },
  { name: 'eyes', kudos: false },
  { name: 'white_check_mark', kudos: false },
  { name: 'rocket', kudos: false },
];

export function emojiGlyph(name: string): string {
  const base = name.replace(/::skin-tone-\d$/, '');
  return EMOJI[base] ?? `:${name}:`;
}
