/** Every kind of ritual the engine runs, by the name stored in rituals.kind. */
export const RITUAL_KINDS = ['standup', 'retro', 'pulse', 'digest', 'review', 'pairs', 'skills'] as const;
export type RitualKindId = (typeof RITUAL_KINDS)[number];

/**
 * Whom an occurrence is for: each participant, by DM at their own time (a stand-up prompt, a pulse
 * survey), or the channel as a whole, once (a retro, a digest).
 */
export const AUDIENCE: Record<RitualKindId, 'participants' | 'channel'> = {
  standup: 'participants',
  retro: 'channel',
  pulse: 'participants',
  digest: 'channel',
  // Each member gets the review's form by DM; its close posts the pack in the channel.
  review: 'participants',
  // A round pairs the channel's members at once; each group hears in its own conversation.
  pairs: 'channel',
  // A skill-share round too: each pair of a learner and someone who can teach them hears in its own conversation.
  skills: 'channel',
};

/** How people call each kind in messages. */
export const KIND_LABELS: Record<RitualKindId, string> = {
  standup: 'stand-up',
  retro: 'retro',
  pulse: 'pulse check',
  digest: 'health digest',
  review: 'review',
  pairs: 'coffee pairs',
  skills: 'skill-share pairs',
};

/** The participant id of a channel-wide occurrence. */
export const WHOLE_CHANNEL = '';

/** What a stand-up asks each participant, unless its ritual names other questions. */
export const DEFAULT_STANDUP_QUESTIONS = [
  'What did you get done since last time?',
  'What will you do next?',
  'Anything blocking you?',
];

/** The close and the reminder the database gives a ritual when nothing is chosen (see the migration). */
export const DEFAULT_CLOSE_AFTER_MINUTES = 180;
export const DEFAULT_REMINDER_BEFORE_CLOSE_MINUTES = 60;

/** The statements a pulse check asks about on a 1–5 scale, unless its ritual names others. */
export const DEFAULT_PULSE_STATEMENTS = [
  'I know what the other people in this collaboration are working on',
  'I can count on them to follow through',
  'Credit for our work is shared fairly',
  'I would choose to work with them again',
];

/** How long before a review its forms go out: a week. */
export const REVIEW_LEAD_MINUTES = 7 * 24 * 60;

/** What a new ritual of each kind asks and how long its window stays open, unless set otherwise. */
export const KIND_DEFAULTS: Record<
  RitualKindId,
  { questions: string[]; closeAfterMinutes: number; reminderBeforeCloseMinutes: number | null }
> = {
  // A stand-up is answered within the morning, with a reminder an hour before it closes.
  standup: {
    questions: DEFAULT_STANDUP_QUESTIONS,
    closeAfterMinutes: DEFAULT_CLOSE_AFTER_MINUTES,
    reminderBeforeCloseMinutes: DEFAULT_REMINDER_BEFORE_CLOSE_MINUTES,
  },
  // A retro collects notes for a day, then posts its summary.
  retro: { questions: [], closeAfterMinutes: 24 * 60, reminderBeforeCloseMinutes: null },
  // A pulse check stays open for a day, with one reminder two hours before it closes.
  pulse: { questions: DEFAULT_PULSE_STATEMENTS, closeAfterMinutes: 24 * 60, reminderBeforeCloseMinutes: 120 },
  // A digest is one message with nothing to answer: its window only keeps it apart from the next.
  digest: { questions: [], closeAfterMinutes: 60, reminderBeforeCloseMinutes: null },
  // A review's forms go out a week before it (its lead) and close at the review, which posts the
  // pack; whoever has not answered is reminded a day before.
  review: { questions: [], closeAfterMinutes: REVIEW_LEAD_MINUTES, reminderBeforeCloseMinutes: 24 * 60 },
  // A round lasts until the next (its cadence's length, PAIRS_ROUND_MINUTES); halfway through,
  // each group is asked whether it met.
  pairs: { questions: [], closeAfterMinutes: 7 * 24 * 60, reminderBeforeCloseMinutes: (7 * 24 * 60) / 2 },
  // Skill-share rounds are monthly: a round lasts four weeks, with the same halfway question.
  skills: { questions: [], closeAfterMinutes: 28 * 24 * 60, reminderBeforeCloseMinutes: (28 * 24 * 60) / 2 },
};

/** How long a round of pairs lasts, by its cadence: until the next round (a month counts four weeks). */
export const PAIRS_ROUND_MINUTES = {
  weekly: 7 * 24 * 60,
  biweekly: 14 * 24 * 60,
  monthly: 28 * 24 * 60,
} as const;
