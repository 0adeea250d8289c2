/** The parts of a working agreement, in the order the form and the message show them. */
export const CHARTER_FIELDS = [
  'goal',
  'metrics',
  'roles',
  'decisionMaking',
  'escalation',
  'cadence',
] as const;
export type CharterField = (typeof CHARTER_FIELDS)[number];

export type CharterText = { goal: string } & Record<Exclude<CharterField, 'goal'>, string | null>;
