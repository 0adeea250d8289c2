/**
 * Slack's `:name:` shortcodes for the emoji Rapport and its people use most. A name not listed
 * stays as `:name:`, which is also what Slack shows for an emoji it does not know; a workspace's
 * custom emoji cannot be known here.
 */
const EMOJI: Record<string, string> = {
  '+1': '👍',
  '-1': '👎',
  '100': '💯',
  alarm_clock: '⏰',
  bar_chart: '📊',
  beers: '🍻',
  bell: '🔔',
  birthday: '🎂',
  blush: '😊',
  books: '📚',
  bulb: '💡',
  calendar: '📆',
  chart_with_upwards_trend: '📈',
  chart_with_downwards_trend: '📉',
  clap: '👏',
  clipboard: '📋',
  coffee: '☕',
  confetti_ball: '🎊',
  construction: '🚧',
  crossed_fingers: '🤞',
  desert_island: '🏝️',
  dart: '🎯',
  email: '📧',
  eyes: '👀',
  fire: '🔥',
  fried_shrimp: '🍤',
  gift: '🎁',
  ghost: '👻',
  green_salad: '🥗',
  grinning: '😀',
  hamburger: '🍔',
  hammer_and_wrench: '🛠️',
  handshake: '🤝',
  heart: '❤️',
  heavy_check_mark: '✔️',
  heavy_minus_sign: '➖',
  heavy_plus_sign: '➕',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  hugging_face: '🤗',
  information_source: 'ℹ️',
  joy: '😂',
  key: '🔑',
  laughing: '😆',
  link: '🔗',
  lock: '🔒',
  mag: '🔍',
  meat_on_bone: '🍖',
  medal: '🏅',
  memo: '📝',
  muscle: '💪',
  no_entry: '⛔',
  no_entry_sign: '🚫',
  ok_hand: '👌',
  package: '📦',
  partying_face: '🥳',
  pencil: '📝',
  pencil2: '✏️',
  pizza: '🍕',
  pray: '🙏',
  pushpin: '📌',
  question: '❓',
  raised_hands: '🙌',
  red_circle: '🔴',
  rocket: '🚀',
  rotating_light: '🚨',
  seedling: '🌱',
  slightly_smiling_face: '🙂',
  smile: '😄',
  smiley: '😃',
  sparkles: '✨',
  speech_balloon: '💬',
  star: '⭐',
  star2: '🌟',
  stew: '🍲',
  sunny: '☀️',
  sunrise: '🌅',
  taco: '🌮',
  tada: '🎉',
  thinking_face: '🤔',
  thumbsdown: '👎',
  thumbsup: '👍',
  trophy: '🏆',
  warning: '⚠️',
  wave: '👋',
  white_check_mark: '✅',
  wink: '😉',
  x: '❌',
  zap: '⚡',
};

/** The skin-tone modifiers Slack writes as a second shortcode, `:wave::skin-tone-3:`. */
const SKIN_TONES: Record<string, string> = {
  'skin-tone-2': '\u{1F3FB}',
  'skin-tone-3': '\u{1F3FC}',
  'skin-tone-4': '\u{1F3FD}',
  'skin-tone-5': '\u{1F3FE}',
  'skin-tone-6': '\u{1F3FF}',
};

/** The character of an emoji name (without colons), or undefined when it is not a known one. */
export function emojiOf(name: string): string | undefined {
  return Object.hasOwn(EMOJI, name) ? EMOJI[name] : undefined;
}

/** Every known `:name:` (with an optional `::skin-tone-n:`) replaced by its character. */
export function replaceEmoji(text: string): string {
  return text.replace(
    /:([a-z0-9_+'-]+):(?::(skin-tone-[2-6]):)?/g,
    (whole, name: string, tone: string | undefined) => {
      const emoji = emojiOf(name);
      if (emoji === undefined) return whole;
      return tone ? `${emoji}${SKIN_TONES[tone] ?? ''}` : emoji;
    },
  );
}

/** The skin-tone modifier for rich text's numeric `skin_tone` (2–6), or nothing. */
export function skinToneOf(tone: unknown): string {
  return typeof tone === 'number' ? (SKIN_TONES[`skin-tone-${tone}`] ?? '') : '';
}
