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

/** A version's parts; the structured ones are empty (or left out) when a charter has none. */
export type CharterText = { goal: string } & Record<Exclude<CharterField, 'goal'>, string | null> &
  Partial<CharterStructure> & {
    /** How often the channel is asked to review its decision rights and levels; quarterly when left out. */
    reviewCadence?: ReviewCadence;
  };

/** How often the governance review comes (src/charter/charter-review.ts); quarterly by default. */
export const REVIEW_CADENCES = ['monthly', 'quarterly', 'half-yearly', 'never'] as const;
export type ReviewCadence = (typeof REVIEW_CADENCES)[number];
export const DEFAULT_REVIEW_CADENCE: ReviewCadence = 'quarterly';

/** A level's owners: people (U…, W…) and user groups (S…), on each side of the channel. */
export type EscalationLevel = {
  level: 1 | 2 | 3;
  sideA: string[];
  sideB: string[];
  /** How long the level has before an escalation moves to the next one. */
  targetMinutes: number;
};

/** The charter's structured parts: who decides what, and where an escalation goes, level by level. */
export type CharterStructure = { decisionRights: string[]; levels: EscalationLevel[] };

/** The parts a version can change: the texts, and the structured parts. */
export type CharterPart = CharterField | keyof CharterStructure | 'reviewCadence';
