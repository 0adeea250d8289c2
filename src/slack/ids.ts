/** Every slash command, action_id, callback_id and block_id Rapport uses, in one place. */
export const COMMANDS = {
  kudos: '/kudos',
  rituals: '/rituals',
  checkin: '/checkin',
} as const;

export const ACTIONS = {
  standupAnswer: 'standup_answer',
  standupSkip: 'standup_skip',
} as const;

export const VIEWS = {
  standupCheckin: 'standup_checkin',
} as const;

/** Block ids of the check-in modal: one per question, by position. */
export const checkinBlockId = (index: number) => `question_${index}`;
export const CHECKIN_INPUT = 'answer';
