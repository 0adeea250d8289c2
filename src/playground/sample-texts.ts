import { pick, type Random, seededShuffle } from '../seeded-random.js';

/**
 * What the sample alliance's people write: each kind of text is drawn from its own shuffled deck,
 * so nothing repeats until a deck runs out (four weeks use each retro note once), and a retro
 * note's words suit the column its author chose.
 */
export const SAMPLE_TEXTS = {
  done: [
    'Finished the export API and its docs',
    'Reviewed the onboarding flow with design',
    'Paired on the sync bug; fixed and released',
    'Wrote the migration plan for the partner data',
    'Ran the customer interview and shared notes',
    'Closed three support tickets from the pilot',
  ],
  next: [
    'Start on the reporting dashboard',
    'Test the integration against the partner sandbox',
    'Write up the pricing options',
    'Prepare the demo for Thursday',
    'Polish the settings page',
  ],
  blocker: [
    'Waiting on sandbox credentials from Globex',
    'Need a decision on the data retention period',
    'The staging deploy is broken',
  ],
  went_well: [
    'The shared channel made hand-offs much faster',
    'Great pairing across both teams this week',
    'The demo landed well with the pilot customer',
    'Globex’s API docs answered most of our questions',
    'Stand-ups in threads kept both time zones in sync',
    'Quick turnaround on the security questionnaire',
    'The joint design review caught two issues early',
    'The release went out with no rollback',
  ],
  to_improve: [
    'We found the API limits late; test against them earlier',
    'Demo prep took the whole team a day',
    'Unclear who owns the release notes',
    'Sandbox credentials took three days to arrive',
    'Too many status meetings across both sides',
    'Decisions made in DMs never reached the channel',
    'The staging deploy broke twice',
    'Hand-offs across time zones lost half a day',
  ],
  idea: [
    'Record the demo so the other side can watch it later',
    'A shared glossary for both teams',
    'Take turns running the retro, one side then the other',
    'Pair a Northwind and a Globex engineer each sprint',
    'Keep one list of open questions for the partner',
    'Post release notes in the shared channel',
    'Automate the sandbox credential requests',
    'A no-meeting Wednesday for both teams',
  ],
  action: [
    'Share the sandbox access checklist with Globex',
    'Book a joint API design review',
    'Write down who owns the release notes',
    'Add the API limits to the integration test plan',
    'Draft the data retention proposal for both legal teams',
    'Set up a shared on-call rota for the pilot',
    'Send the pilot metrics to both leads every Monday',
    'Move the demo prep to Wednesdays',
    'Fix the staging deploy script',
    'Write the partner onboarding guide',
  ],
  priority: [
    'Faster partner onboarding',
    'Partner onboarding speed',
    'Shared security review',
    'Security review together',
    'Launch the pilot in Japan',
    'Hiring plan for the platform team',
    'Cut the API latency in half',
  ],
  helped: [
    'The sandbox credentials arrived the same day we asked',
    'Their load-test scripts saved us a week',
    'The intro to their data team',
  ],
  change: ['Fewer status meetings', 'Decide release dates together', 'Write down who owns what'],
} as const;

/**
 * What the sample's people write in the forms filled once: the lead's charter, Globex's escalation
 * and its resolution. Keyed by the field's label, in lower case.
 */
export const SAMPLE_FORM_ANSWERS: Readonly<Record<string, string>> = {
  'shared goal': 'Launch the partner API pilot with three customers by March',
  'success metrics': 'Three pilot customers live; a partner onboarded in under two weeks',
  'who owns what': 'Northwind: the API and its docs. Globex: the pilot customers and their onboarding',
  'how we make decisions': 'Proposals go in the channel; agreed when both leads say yes',
  'where disagreements go': 'First the two engineering leads, then the product lead and the partner manager',
  'check-in cadence': 'Daily stand-ups in threads and a Friday retro',
  'who decides what': 'API design: Northwind decides after a joint review\nPilot customers: Globex decides',
  'the issue': 'When to freeze the API for the pilot: before or after the first customer goes live',
  'what one side needs': 'Predictable release dates, so the docs and the support team can plan',
  'what the other side needs': 'Room to fix what the first pilot customers report in their first weeks',
  'options considered':
    'Freeze everything now\nFreeze after the first customer goes live\nFreeze the core now, keep the reporting API open',
  'how to judge them': 'Risk to the pilot customers, support load, time to launch',
  'the option agreed': 'Freeze the core now; keep the reporting API open until the first customer is live',
  why: 'It gives the docs team stable dates for the core and leaves room to fix reporting',
};

export type TextKind = keyof typeof SAMPLE_TEXTS;
export const NOTE_COLUMNS = ['went_well', 'to_improve', 'idea'] as const;
export type NoteColumn = (typeof NOTE_COLUMNS)[number];

export class SampleTexts {
  private readonly decks = new Map<TextKind, { order: readonly string[]; drawn: number }>();

  constructor(private readonly random: Random) {}

  /**
   * The next text of a kind: every one of its deck once, in a shuffled order, then again in the
   * same order, so a text comes back only after all the others (a retro never shows a note twice
   * while its column has fewer notes than the deck).
   */
  next(kind: TextKind): string {
    let deck = this.decks.get(kind);
    if (!deck) {
      deck = { order: seededShuffle(SAMPLE_TEXTS[kind], this.random), drawn: 0 };
      this.decks.set(kind, deck);
    }
    const text = deck.order[deck.drawn % deck.order.length] as string;
    deck.drawn += 1;
    return text;
  }

  /** A retro note's column, as people add them: more that went well, fewer ideas. */
  column(): NoteColumn {
    const roll = this.random();
    return roll < 0.45 ? 'went_well' : roll < 0.8 ? 'to_improve' : 'idea';
  }

  /** One of a few, with no deck: a pick that may repeat (a kudos' reason, a deliverable). */
  pick<T>(items: readonly T[]): T {
    return pick(this.random, items);
  }
}
