import { formatMessageTime } from './format.js';

/** Words for the app's callback and action ids the log mentions; others are made readable. */
const KNOWN_IDS: Record<string, string> = {
  ritual_settings: 'Ritual settings',
  ritual_settings_pick: 'Ritual picker',
  ritual_settings_kind: 'Ritual kind',
  ritual_edit: 'Edit ritual',
  standup_answer: 'Stand-up answer',
  standup_skip: 'Skip stand-up',
  standup_checkin: 'Stand-up check-in',
  retro_add_note: 'Add a retro note',
  retro_note_form: 'Retro note',
  retro_edit_note: 'Edit retro note',
  retro_delete_note: 'Delete retro note',
  retro_add_action: 'Add an action item',
  retro_action_form: 'Action item',
  retro_action_done: 'Action item done',
  retro_reminder_done: 'Mark done (from the reminder)',
  retro_debrief_form: 'Retro debrief',
  give_kudos: 'Give kudos',
  give_kudos_form: 'Kudos',
  pulse_answer: 'Pulse answer',
  pulse_survey: 'Pulse survey',
  home_action_done: 'Action item done',
  give_credit: 'Give credit',
  credit_form: 'Credit',
  log_decision: 'Log a decision',
  decision_form: 'Decision',
  charter_form: 'Charter',
  time_zone_form: 'Time zone',
  pairs_join: 'Join coffee pairs',
  pairs_leave: 'Leave coffee pairs',
  pairs_met: 'We met',
};

/** How a Block Kit element was used, as a verb. */
const ELEMENT_VERBS: Record<string, string> = {
  button: 'pressed',
  static_select: 'chose in',
  multi_static_select: 'chose in',
  users_select: 'chose in',
  multi_users_select: 'chose in',
  conversations_select: 'chose in',
  channels_select: 'chose in',
  checkboxes: 'ticked',
  radio_buttons: 'chose in',
  overflow: 'chose in',
  datepicker: 'picked a date in',
};

/** "retro_add_note" → "Add a retro note"; an unknown "weekly_digest_open" → "Weekly digest open". */
export function idInWords(id: string): string {
  const known = KNOWN_IDS[id];
  if (known) return known;
  const words = id.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const INSTANT = /\b\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?Z\b/g;
const SNAKE_ID = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g;

/**
 * A log line in words: "Ana Lima used button retro_add_note" → "Ana Lima pressed Add a retro note";
 * "time moved to 2026-12-07T01:30:00.000Z" → "time moved to Mon 7 Dec, 09:30" (in `tz`).
 * Slack's own error codes (not_in_channel) are kept: they are what a developer looks up.
 */
export function logTextInWords(text: string, kind: string, now: Date, tz: string | undefined): string {
  let words = text.replace(INSTANT, (instant) => formatMessageTime(new Date(instant), now, tz));
  if (kind === 'slack_error') return words;
  words = words.replace(/\bused ([a-z_]+) ([a-z0-9_]+)\b/g, (whole, type: string, id: string) =>
    ELEMENT_VERBS[type] ? `${ELEMENT_VERBS[type]} ${idInWords(id)}` : whole,
  );
  return words.replace(SNAKE_ID, (id) => idInWords(id));
}
