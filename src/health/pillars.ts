/**
 * What the alliance-health scorecard is made of and computed from: its pillars, their metrics, and
 * the counts of one period. Types and names only; src/health/scorecard.ts computes it.
 */

/** What the database counted for one channel and one period (see src/db/repos/health.ts). */
export type PeriodInputs = {
  checkins: { expected: number; answered: number; onTime: number };
  blockers: { raised: number; episodes: number; meanOpenDays: number | null };
  retros: { scheduled: number; held: number };
  credits: { deliverables: number; contributors: number; confirmed: number };
  actions: { due: number; doneOnTime: number; completed: number };
  /** The latest pulse round within 35 days that had 3 or more answers: each statement's mean (1–5). */
  pulse: { statement: string; mean: number }[] | null;
  /** Kudos received by each active member of the channel (zeros included), in the period. */
  kudosReceived: number[];
  /** Whether the channel gave any kudos in the period or the 8 weeks before it. */
  usesKudos: boolean;
  /** Flows between sides: how many kudos and credits went from a person of one side to another. */
  sides: string[];
  kudosFlows: Flow[];
  creditFlows: Flow[];
  /** Receivers asked to confirm a give logged in the period, and those who confirmed it. */
  gives: { asked: number; confirmed: number };
  /** Confirmed receivers of gives, from the giver's side to the receiver's. */
  giveFlows: Flow[];
  /**
   * The channel's coffee pairs at the period's end; null in a period stored before they were
   * counted (read as "no data").
   */
  connections: ConnectionsInputs | null;
  /**
   * The channel's escalations that settled in the period, and those of them resolved in time; null
   * in a period stored before they were counted (read as "no data").
   */
  escalations: EscalationsInputs | null;
  /** Questions across sides settled in the period, by asking side; null while the channel has it off. */
  responsiveness: ResponsivenessInputs | null;
};

export type Flow = { from: string; to: string; count: number };

/**
 * Coffee pairs across sides at a period's end (docs/METRICS.md, `connections`): whether the channel
 * has a pairs ritual, how many had joined its pairs, the pairs of them on different sides, those of
 * these pairs that met in the 91 days before the end, and the groups that met in the quarter so far.
 */
export type ConnectionsInputs = {
  pairsRitual: boolean;
  joined: number;
  possible: number;
  met: number;
  meetings: number;
};

/**
 * Escalations settled in a period (docs/METRICS.md, `escalations_resolved_in_time`): resolved, or
 * still open past their last level's target; and those resolved before their level's target.
 */
export type EscalationsInputs = { settled: number; inTime: number };

/** A thread that asked something, as recorded: metadata only (src/db/repos/responsiveness.ts). */
export type AskedThread = {
  askerSide: string;
  askerZone: string;
  askedAt: Date;
  reply: { side: string; zone: string; at: Date } | null;
};
/** One side's questions settled in a period: each one's wait in working minutes, or null if unanswered. */
export type SideWaits = { side: string; minutes: (number | null)[] };
/** What the scorecard keeps of a period's responsiveness (src/health/responsiveness.ts). */
export type ResponsivenessInputs = { targetMinutes: number; waits: SideWaits[] };

export const PILLARS = {
  collaboration: [
    'participation',
    'on_time',
    'blocker_resolution',
    'retros_held',
    'responsiveness',
    'escalations_resolved_in_time',
  ],
  value: ['credits_confirmed', 'actions_on_time', 'value_confirmed', 'value_reciprocity'],
  trust: [
    'pulse',
    'recognition_breadth',
    'recognition_fairness',
    'kudos_reciprocity',
    'credit_reciprocity',
    'cross_side_kudos',
    'connections',
  ],
} as const;
export type PillarId = keyof typeof PILLARS;

/** How each pillar is named wherever it is shown. */
export const PILLAR_LABELS: Record<PillarId, string> = {
  collaboration: 'Collaboration quality',
  value: 'Value creation',
  trust: 'Relational trust',
};
export type MetricId = (typeof PILLARS)[PillarId][number];

/** A metric's value 0–1, or null for "no data"; never a zero made up for missing data. */
export type Metrics = Record<MetricId, number | null>;
export type Scorecard = { score: number | null; pillars: Record<PillarId, number | null>; metrics: Metrics };
