/** Every slash command, action_id, callback_id and block_id Rapport uses, in one place. */
export const COMMANDS = {
  kudos: '/kudos',
  rituals: '/rituals',
} as const;
