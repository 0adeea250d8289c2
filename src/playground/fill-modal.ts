import type { ViewValues } from './api-types.js';

/** A number in [0, 1) from a seeded sequence, so a sample history is the same every time. */
export type Random = () => number;

/** mulberry32: a small, well-known seeded generator; plenty for picking sample answers. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

const DONE = [
  'Finished the export API and its docs',
  'Reviewed the onboarding flow with design',
  'Paired on the sync bug; fixed and released',
  'Wrote the migration plan for the partner data',
  'Ran the customer interview and shared notes',
  'Closed three support tickets from the pilot',
];
const NEXT = [
  'Start on the reporting dashboard',
  'Test the integration against the partner sandbox',
  'Write up the pricing options',
  'Prepare the demo for Thursday',
  'Polish the settings page',
];
const BLOCKERS = [
  'Waiting on sandbox credentials from Globex',
  'Need a decision on the data retention period',
  'The staging deploy is broken',
];
const NOTES = [
  'The shared channel made hand-offs much faster',
  'We discovered the API limits late; let us test earlier',
  'Demo prep took the whole team a day',
  'Great pairing across both teams this week',
  'Unclear who owns the release notes',
];

/** A review's priorities: both sides name some of the same ones, in their own words. */
const PRIORITIES = [
  'Faster partner onboarding',
  'Partner onboarding speed',
  'Shared security review',
  'Security review together',
  'Launch the pilot in Japan',
  'Hiring plan for the platform team',
  'Cut the API latency in half',
];
const HELPED = [
  'The sandbox credentials arrived the same day we asked',
  'Their load-test scripts saved us a week',
  'The intro to their data team',
];
const CHANGES = ['Fewer status meetings', 'Decide release dates together', 'Write down who owns what'];

type Option = { value?: string; text?: { text?: string } };
type Element = { type?: string; action_id?: string; options?: Option[]; initial_value?: string };
type InputBlock = {
  type?: string;
  block_id?: string;
  optional?: boolean;
  label?: { text?: string };
  element?: Element;
};

/**
 * Fills a modal as a person would: each input with a plausible answer for its label (a stand-up's
 * questions, a pulse's statements, a retro note), the way Slack reports it in view.state.values.
 * Blockers are rare, pulse scores lean positive, optional remarks are mostly left out.
 */
export function fillModal(
  view: { blocks?: unknown[] },
  random: Random,
  context: { teammates: string[]; today: Date },
): ViewValues {
  const values: ViewValues = {};
  for (const raw of view.blocks ?? []) {
    const block = raw as InputBlock;
    const element = block.element;
    if (block.type !== 'input' || !block.block_id || !element?.action_id || !element.type) continue;
    const value = valueFor(block, element, random, context);
    if (value) values[block.block_id] = { [element.action_id]: { type: element.type, ...value } };
  }
  return values;
}

function valueFor(
  block: InputBlock,
  element: Element,
  random: Random,
  context: { teammates: string[]; today: Date },
): Record<string, unknown> | undefined {
  const label = (block.label?.text ?? '').toLowerCase();
  const options = element.options ?? [];
  switch (element.type) {
    case 'plain_text_input':
      // An optional remark is mostly left out; an optional question (a stand-up's) is answered.
      if (block.optional && /optional|add|comment/.test(label) && random() < 0.8) return { value: null };
      return { value: textFor(label, random) };
    case 'radio_buttons':
    case 'static_select': {
      if (options.length === 0) return undefined;
      // Scores lean towards the top: most people agree with most statements, most of the time.
      const at = Math.min(options.length - 1, Math.floor(Math.sqrt(random()) * options.length));
      return { selected_option: options[at] };
    }
    case 'checkboxes':
      return { selected_options: [] };
    case 'datepicker':
      return { selected_date: new Date(context.today.getTime() + 7 * 86_400_000).toISOString().slice(0, 10) };
    case 'timepicker':
      return { selected_time: '09:30' };
    case 'users_select':
      return { selected_user: pick(random, context.teammates) };
    case 'multi_users_select':
      return { selected_users: [pick(random, context.teammates)] };
    default:
      return undefined;
  }
}

function textFor(label: string, random: Random): string {
  if (label.includes('priority')) return pick(random, PRIORITIES);
  if (label.includes('helped')) return pick(random, HELPED);
  if (label.includes('thing to change')) return pick(random, CHANGES);
  if (label.includes('block')) return random() < 0.8 ? 'none' : pick(random, BLOCKERS);
  if (label.includes('next') || label.includes('today')) return pick(random, NEXT);
  if (label.includes('done') || label.includes('since') || label.includes('yesterday'))
    return pick(random, DONE);
  if (label.includes('add') || label.includes('comment')) return 'Good week overall';
  return pick(random, NOTES);
}
