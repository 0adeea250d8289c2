import type { ViewValues } from './api-types.js';
import { pick, type Random } from '../seeded-random.js';
import { NOTE_COLUMNS, type NoteColumn, SAMPLE_FORM_ANSWERS, type SampleTexts } from './sample-texts.js';

type Option = { value?: string; text?: { text?: string } };
type Context = {
  teammates: string[];
  today: Date;
  texts: SampleTexts;
  /**
   * The charter's escalation levels, one owner per side and level (level 1 first): the form's
   * people fields take them, levels without an owner are left empty.
   */
  owners?: { A: readonly string[]; B: readonly string[] };
};
type Element = {
  type?: string;
  action_id?: string;
  options?: Option[];
  initial_value?: string;
  initial_option?: Option;
};
/** A charter's escalation fields: "Level 2 · the other side: people", "Level 1 target (hours)". */
const LEVEL_PEOPLE = /^level (\d) · (one|the other) side: people$/;
const LEVEL_TARGET = /^level (\d) target/;
/** Hours an escalation waits at each level before it moves to the next. */
const TARGET_HOURS = 48;
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
 * Blockers are rare, pulse scores lean positive, optional remarks are mostly left out. The forms
 * filled once (a charter, an escalation, its resolution) take their answers by label; a charter's
 * levels take the owners given, and a choice with a default keeps it.
 */
export function fillModal(view: { blocks?: unknown[] }, random: Random, context: Context): ViewValues {
  const values: ViewValues = {};
  // A retro note's column, once chosen, decides what its note says.
  let column: NoteColumn | undefined;
  for (const raw of view.blocks ?? []) {
    const block = raw as InputBlock;
    const element = block.element;
    if (block.type !== 'input' || !block.block_id || !element?.action_id || !element.type) continue;
    const value = valueFor(block, element, random, { ...context, column });
    const chosen = (value?.selected_option as Option | undefined)?.value;
    if (NOTE_COLUMNS.includes(chosen as NoteColumn)) column = chosen as NoteColumn;
    if (value) values[block.block_id] = { [element.action_id]: { type: element.type, ...value } };
  }
  return values;
}

function valueFor(
  block: InputBlock,
  element: Element,
  random: Random,
  context: Context & { column: NoteColumn | undefined },
): Record<string, unknown> | undefined {
  const label = (block.label?.text ?? '').toLowerCase();
  const options = element.options ?? [];
  const answer = SAMPLE_FORM_ANSWERS[label];
  switch (element.type) {
    case 'plain_text_input':
      if (answer !== undefined) return { value: answer };
      // A charter level's user groups: the sample names people only.
      if (label.endsWith('user groups')) return { value: null };
      // An optional remark is mostly left out; an optional question (a stand-up's) is answered.
      if (block.optional && /optional|add|comment/.test(label) && random() < 0.8) return { value: null };
      return { value: textFor(label, random, context) };
    case 'radio_buttons':
    case 'static_select': {
      if (options.length === 0) return undefined;
      if (element.initial_option) return { selected_option: element.initial_option };
      if (label === 'category') {
        const column = context.texts.column();
        return { selected_option: options.find((o) => o.value === column) ?? options[0] };
      }
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
    case 'multi_users_select': {
      const level = LEVEL_PEOPLE.exec(label);
      if (level && context.owners) {
        const owner = context.owners[level[2] === 'one' ? 'A' : 'B'][Number(level[1]) - 1];
        return { selected_users: owner ? [owner] : [] };
      }
      return { selected_users: [pick(random, context.teammates)] };
    }
    case 'number_input': {
      const level = LEVEL_TARGET.exec(label);
      const owned = level && context.owners?.A[Number(level[1]) - 1] !== undefined;
      return { value: owned ? String(TARGET_HOURS) : null };
    }
    default:
      return undefined;
  }
}

function textFor(label: string, random: Random, context: Context & { column: NoteColumn | undefined }) {
  const { texts } = context;
  if (label.includes('priority')) return texts.next('priority');
  if (label.includes('helped')) return texts.next('helped');
  if (label.includes('thing to change')) return texts.next('change');
  if (label.includes('block')) return random() < 0.8 ? 'none' : texts.next('blocker');
  if (label.includes('next') || label.includes('today')) return texts.next('next');
  if (label.includes('done') || label.includes('since') || label.includes('yesterday'))
    return texts.next('done');
  if (label.includes('what to do')) return texts.next('action');
  if (label.includes('add') || label.includes('comment')) return 'Good week overall';
  return texts.next(context.column ?? 'went_well');
}
