/**
 * What each metric of the health scorecard means, in one place: docs/METRICS.md's tables say the
 * same (test/unit/metric-definitions.test.ts holds the two together, cell by cell), and the
 * "About these numbers" modal shows it in Slack. Markdown as the doc writes it: **bold** and `code`.
 * Each says what it measures in plain words first; the formula after it is the exact definition.
 */
import type { MetricId } from './pillars.js';

export type MetricDefinition = {
  /** What the number says, in plain words (no formula): read first, in the doc and in Slack. */
  plain: string;
  /** The formula, scaled 0–1. */
  formula: string;
  /** What is counted, and how. */
  inputs: string;
  /** When the metric has no data (shown as such, never as zero). */
  noData: string;
};

export const METRIC_DEFINITIONS: Record<MetricId, MetricDefinition> = {
  participation: {
    plain: 'The share of prompted stand-up days that got a check-in.',
    formula: 'answered ÷ expected',
    inputs:
      '**expected**: stand-up occurrences in the period for which the person was prompted (`sent`) or had answered before the prompt (`answered`), leaving out days they were away (no prompt: `away`) and days they pressed **Skip today**. **answered**: those with an answered check-in.',
    noData: 'no stand-up prompt in the period',
  },
  on_time: {
    plain: 'The share of check-ins sent before the stand-up closed.',
    formula: 'answered on time ÷ answered',
    inputs:
      "**on time**: the check-in was submitted before the stand-up closed (prompt time + the ritual's close).",
    noData: 'nothing answered',
  },
  blocker_resolution: {
    plain: 'How soon blockers are cleared: 1 when cleared the same day, 0 when open a week or more.',
    formula: '1 − min(mean days open, 7) ÷ 7',
    inputs:
      "A **blocker episode** starts at an answered check-in that raises a blocker when the same person's previous answered check-in in that stand-up raised none, and is **resolved** at their next answered check-in that raises none. **Days open**: from its first day to the day it was resolved, or to the period's end if still open. Mean over the episodes open at any time in the period (looking back at most 8 weeks). Resolved the same day scores 1; open a week or more, 0. **blockers raised**: answered check-ins in the period that raise a blocker (shown, not scored).",
    noData: 'no episode open in the period',
  },
  retros_held: {
    plain: 'The share of scheduled retros that got at least one note.',
    formula: 'held ÷ scheduled',
    inputs:
      "**scheduled**: retro occurrences of the channel's retro rituals in the period. **held**: those whose retro received at least one note.",
    noData: 'no retro scheduled in the period',
  },
  responsiveness: {
    plain:
      "How soon each side's questions get a first reply from another side, against the target: 1 is every question answered within it, each side counting the same.",
    formula: 'mean over sides of the mean over questions of min(1, target ÷ wait)',
    inputs:
      'Only in a channel where an admin turned it on (`/health responsiveness on`). A **question** is a message that opens a thread and asks something (a question mark, or a request such as "can you" or "please"); only that it asked is kept, never its text. Its **wait** is the working time (Monday to Friday, 09:00–17:00 in the replier\'s zone) until the first reply in its thread from someone of another side. A question with no such reply within 5 working days (in the asker\'s zone) is **unanswered** and scores 0. Each counts in the period it settles in: its reply, or the end of those 5 days. The **target** is 4 working hours unless the channel sets its own. The median and 90th percentile wait of each side\'s questions are shown, not scored.',
    noData: 'turned off, or no question settled in the period',
  },
  escalations_resolved_in_time: {
    plain:
      "The share of the channel's escalations that were resolved before the target time of the level they had reached.",
    formula: 'resolved in time ÷ settled',
    inputs:
      "Escalations raised in the channel (`/escalate`, **Escalate this**), private ones too: only their counts are used. An escalation **settles** once: when it is resolved, or when its last level's target passes while it is still open. **settled**: those that settled in the period. **resolved in time**: those of them resolved before the target of the level they were at, so one moved up a level and resolved within that level's target is in time. One still open past its last level's target is not in time from that moment, even when resolved later; one still open within its level's target is not counted yet.",
    noData: 'no escalation settled in the period',
  },
  credits_confirmed: {
    plain: 'The share of people credited who confirmed their credit.',
    formula: 'confirmed ÷ contributors',
    inputs:
      'Credits given in the channel in the period: **contributors**: one per person named (declined ones left out), **confirmed**: those the person confirmed. **deliverables credited**: how many credits (shown, not scored).',
    noData: 'no credit given in the period',
  },
  actions_on_time: {
    plain: 'The share of action items due that were done by their due date.',
    formula: 'done on time ÷ due',
    inputs:
      'Retro action items of the channel **due** in the period (due date in it); **done on time**: those marked done on or before their due date. **completed**: items marked done in the period (shown, not scored).',
    noData: 'no item due in the period',
  },
  value_confirmed: {
    plain: 'The share of people who received a give and confirmed it.',
    formula: 'confirmed ÷ asked',
    inputs:
      'Gives logged in the channel in the period (`/gave`, by when they were logged): **asked**: one per person a give went to; **confirmed**: those who confirmed it (as given, or in their own words with Adjust). "Didn\'t help" and no answer yet count as asked, not confirmed.',
    noData: 'no give logged in the period',
  },
  value_reciprocity: {
    plain:
      "How evenly confirmed gives flow both ways between sides: the quieter direction's count relative to the busier one's. 1 is balanced; 0 is one way only.",
    formula: 'mean over pairs of sides of min(A→B, B→A) ÷ max(A→B, B→A)',
    inputs:
      "As `kudos_reciprocity`, by count of **confirmed** gives: each confirmed receiver counts once, from the giver's side to the receiver's. Value amounts are never added across units or converted (hours to money), so reciprocity counts gives, not worth.",
    noData: 'fewer than 2 sides, or no confirmed give between sides',
  },
  pulse: {
    plain:
      "How positive the latest pulse round's answers were: 1 if every answer was 5, 0 if every answer was 1.",
    formula: 'mean over statements of (mean − 1) ÷ 4',
    inputs:
      "The channel's latest pulse round closed in the 35 days before the period's end **with 3 or more answers**: each statement's mean score (1–5). A round with fewer answers is never used, so no score can be traced to a person.",
    noData: 'no such round',
  },
  recognition_breadth: {
    plain: 'The share of active members who received kudos.',
    formula: 'recognised ÷ active',
    inputs:
      '**active members**: people who, in the period and in the channel, were prompted for a stand-up, answered one, gave or received kudos, or were credited. **recognised**: those of them who received at least one kudos here.',
    noData:
      'the channel gave no kudos in the period or the 8 weeks before it (it does not use kudos), or has no active member',
  },
  recognition_fairness: {
    plain:
      'How evenly kudos are spread across active members: 1 is everyone received equally; near 0, one person received them all.',
    formula: '1 − Gini of kudos received across active members',
    inputs:
      "Gini = Σᵢ Σⱼ |xᵢ − xⱼ| ÷ (2 n² x̄) over the active members' kudos counts, zeros included. 1: everyone received alike; near 0: one person received it all.",
    noData: 'as above, or fewer than 2 active members, or nobody received any',
  },
  kudos_reciprocity: {
    plain:
      "How evenly kudos flow both ways between sides: the quieter direction's count relative to the busier one's. 1 is balanced; 0 is one way only.",
    formula: 'mean over pairs of sides of min(A→B, B→A) ÷ max(A→B, B→A)',
    inputs:
      'Kudos in the period between people of different sides, by direction. 1: balanced; 0: only one way. Pairs of sides with no kudos either way are left out.',
    noData: 'fewer than 2 sides, or no kudos between sides',
  },
  credit_reciprocity: {
    plain: 'How evenly credits flow both ways between sides, counted as for kudos.',
    formula: 'as above, for credits',
    inputs: "A credit goes from its giver's side to each (non-declined) contributor's side.",
    noData: 'fewer than 2 sides, or no credit between sides',
  },
  cross_side_kudos: {
    plain: 'The share of kudos given to someone of another side.',
    formula: 'kudos between sides ÷ all kudos',
    inputs: 'Kudos in the period whose giver and receiver both have a side.',
    noData: 'fewer than 2 sides, or no such kudos',
  },
  connections: {
    plain:
      "The share of the pairs of people from different sides, among those in the channel's coffee pairs, who have met in the last quarter.",
    formula: 'met cross-side pairs ÷ possible cross-side pairs',
    inputs:
      "**possible cross-side pairs**: pairs of people of different sides among those who had joined the channel's coffee pairs (`/rituals pairs`) at the period's end. **met**: those of them who were together in a group of this channel that said **We met** in the 91 days before the period's end; a group of three is its three pairs, and a pair that met more than once counts once. **meetings this quarter**: the channel's groups that met in the calendar quarter (UTC) holding the period's end, up to its end (shown, not scored).",
    noData:
      "nobody had joined the channel's coffee pairs on 2 different sides (no pairs ritual, or one side only)",
  },
};
