import { readdirSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import {
  actionWithValue,
  renderBlocks,
  type Surface,
  validateBlocks,
  validateView,
} from '../../src/slack-emulator/index.js';
import { projectPath } from '../../src/project-path.js';
import { loadFixture } from '../helpers/fixtures.js';
import { errorBoxes, reader } from '../helpers/playground-block-kit.js';

/** Every `blocks` array in a payload, with the object holding it and a JSON pointer to that object. */
function blocksIn(value: unknown, pointer = ''): { pointer: string; holder: Record<string, unknown> }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => blocksIn(v, `${pointer}/${i}`));
  if (typeof value !== 'object' || value === null) return [];
  const holder = value as Record<string, unknown>;
  return [
    ...(Array.isArray(holder.blocks) ? [{ pointer, holder }] : []),
    ...Object.entries(holder).flatMap(([k, v]) => blocksIn(v, `${pointer}/${k}`)),
  ];
}

const FIXTURE_DIRS = ['events', 'interactivity', 'views', 'web-api/java-samples', 'web-api/openapi-examples'];
const fixtureFiles = FIXTURE_DIRS.flatMap((dir) =>
  readdirSync(projectPath('test', 'fixtures', 'slack', dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => `${dir}/${f}`),
);
const found = fixtureFiles.flatMap((file) =>
  blocksIn(loadFixture(file)).map(({ pointer, holder }) => ({ where: `${file}#${pointer}`, holder })),
);

/**
 * Slack's anonymised shape samples (java-slack-sdk json-logs, see the fixtures' README): every
 * field ever seen, filled with "" and 123. They are not payloads Slack would take, so they must
 * draw (every block, red boxes only where Slack has no way to show the element) and the checks
 * must name what Slack refuses in them.
 */
const SHAPE_SAMPLE_MESSAGE = {
  surface: 'message' as const,
  errorBoxes: [
    'image cannot go in an actions block',
    'overflow: needs options',
    'static_select: needs options or option_groups',
    'multi_static_select: needs options or option_groups',
  ],
  problems: [
    'invalid_blocks: button style "" is not one of primary, danger [json-pointer:/blocks/0/elements/0/style]',
    'invalid_blocks: button text text is empty, it must be at least 1 character [json-pointer:/blocks/0/elements/0/text/text]',
    'invalid_blocks: action_id is empty, it must be at least 1 character [json-pointer:/blocks/0/elements/0/action_id]',
    'invalid_blocks: image is not allowed in an actions block [json-pointer:/blocks/0/elements/8/type]',
    'invalid_blocks: missing required field options [json-pointer:/blocks/0/elements/9/options]',
    'invalid_blocks: an image needs exactly one of image_url and slack_file [json-pointer:/blocks/3]',
  ],
  shows: ['data-bk-type="channels_select"', 'data-bk-type="datepicker"', 'class="bk-divider"'],
};
const SHAPE_SAMPLE_VIEW = (surface: 'modal' | 'home') => ({
  surface,
  errorBoxes: [
    'button cannot go in an input block',
    'image cannot go in an input block',
    'overflow cannot go in an input block',
    'image cannot go in an actions block',
  ],
  problems: [
    'invalid_arguments: button is not allowed in an input block [json-pointer:/view/blocks/3/element/type]',
    'invalid_arguments: input label text is empty, it must be at least 1 character [json-pointer:/view/blocks/0/label/text]',
    `invalid_arguments: workflow_button is not allowed in ${surface === 'home' ? 'a Home tab' : 'a modal'} [json-pointer:/view/blocks/14/elements/1/type]`,
    'invalid_arguments: initial_date must be YYYY-MM-DD [json-pointer:/view/blocks/6/element/initial_date]',
  ],
  shows: [
    'data-bk-type="rich_text_input"',
    'data-bk-type="datetimepicker"',
    'class="bk-block bk-block-video"',
  ],
});
type Expected = { surface: Surface; errorBoxes: string[]; problems: string[]; shows: string[] };
const REALISTIC = (surface: Surface, shows: string[]): Expected => ({
  surface,
  errorBoxes: [],
  problems: [],
  shows,
});

const EXPECTED: Record<string, Expected> = {
  'events/app_mention.json#/event': SHAPE_SAMPLE_MESSAGE,
  'events/message.bot_message.json#/event': SHAPE_SAMPLE_MESSAGE,
  'events/message.json#/event': SHAPE_SAMPLE_MESSAGE,
  'events/message.message_changed.json#/event/message': SHAPE_SAMPLE_MESSAGE,
  'events/message.message_changed.json#/event/previous_message': SHAPE_SAMPLE_MESSAGE,
  'interactivity/block_actions.json#/message': SHAPE_SAMPLE_MESSAGE,
  'web-api/java-samples/views.open.json#/view': SHAPE_SAMPLE_VIEW('modal'),
  'web-api/java-samples/views.update.json#/view': SHAPE_SAMPLE_VIEW('modal'),
  'web-api/java-samples/views.publish.json#/view': SHAPE_SAMPLE_VIEW('home'),
  'views/view_home_001.json#': REALISTIC('home', [
    'This is a plain text section block.',
    '<b>this is mrkdwn text</b>',
    'data-bk-type="checkboxes"',
    'Last updated: Jan 1, 2019',
  ]),
  'views/view_modal_001.json#': REALISTIC('modal', [
    '👋 Hey David!',
    'You enjoy working here at Pistachio &amp; Co',
    '🍕 Pizza',
    'data-bk-type="radio_buttons"',
    'data-bk-type="multi_static_select"',
    '<textarea',
    '<span class="bk-optional">(optional)</span>',
  ]),
  'views/view_modal_007.json#': REALISTIC('modal', [
    '👻 <b>this is bold</b>',
    '<s>this is crossed out</s>',
    'href="https://google.com"',
    'href="mailto:support@acme.inc"',
    'value="option 3" data-bk-option=',
    'value="1990-04-28"',
    'data-bk-type="multi_users_select"',
  ]),
  'web-api/openapi-examples/views.open.ok.json#/view': REALISTIC('modal', [
    'A simple label',
    'data-block-id="a_block_id" data-action-id="an_action_id"',
  ]),
  'web-api/openapi-examples/views.publish.ok.json#/view': REALISTIC('home', [
    'A simple section with some sample sentence.',
    'data-block-id="2WGp9"',
  ]),
  'web-api/openapi-examples/views.update.ok.json#/view': REALISTIC('modal', [
    'I am but an updated modal',
    '&quot;action_id&quot;:&quot;button_4&quot;,&quot;block_id&quot;:&quot;s_block&quot;',
    'Click me',
  ]),
};

describe("Slack's own payloads", () => {
  test('every fixture that holds blocks is expected here, and none is missed', () => {
    expect(found.map((f) => f.where).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(found.map((f) => [f.where, f.holder] as const))(
    '%s draws and is checked as Slack would',
    (where, holder) => {
      const expected = EXPECTED[where];
      if (!expected) throw new Error(`no expectation for ${where}`);
      const blocks = holder.blocks as unknown[];
      const html = renderBlocks(blocks, reader(expected.surface));
      expect(html.match(/class="bk-block /g)).toHaveLength(blocks.length);
      expect(errorBoxes(html)).toEqual(expected.errorBoxes);
      for (const text of expected.shows) expect(html).toContain(text);
      const view = where.startsWith('web-api') || where.startsWith('views');
      const problems = view
        ? validateView({ ...holder, type: expected.surface })
        : validateBlocks(blocks, expected.surface);
      if (expected.problems.length === 0) expect(problems).toEqual([]);
      else expect(problems).toEqual(expect.arrayContaining(expected.problems));
    },
  );

  test('the actions the page sends have only fields Slack sends in block_actions', () => {
    const slackAction = (
      loadFixture('interactivity/block_actions.json').actions as Record<string, unknown>[]
    )[0];
    const slackFields = Object.keys(slackAction ?? {});
    const blocks = [
      {
        type: 'actions',
        block_id: 'b',
        elements: [
          {
            type: 'button',
            action_id: 'go',
            text: { type: 'plain_text', text: 'Go' },
            value: 'v',
            style: 'danger',
          },
          {
            type: 'button',
            action_id: 'open',
            text: { type: 'plain_text', text: 'Open' },
            url: 'https://x.example',
          },
        ],
      },
    ];
    const actions = [...renderBlocks(blocks, reader('message')).matchAll(/data-bk-action="([^"]*)"/g)].map(
      (m) => JSON.parse((m[1] ?? '').replace(/&quot;/g, '"')) as Record<string, unknown>,
    );
    expect(actions).toEqual([
      {
        type: 'button',
        action_id: 'go',
        block_id: 'b',
        text: { type: 'plain_text', text: 'Go', emoji: true },
        value: 'v',
        style: 'danger',
      },
      {
        type: 'button',
        action_id: 'open',
        block_id: 'b',
        text: { type: 'plain_text', text: 'Open', emoji: true },
        url: 'https://x.example',
      },
    ]);
    const chosen = [
      actionWithValue({ type: 'static_select', action_id: 'a', block_id: 'b' }, [
        { text: { type: 'plain_text', text: 'x' }, value: 'x' },
      ]),
      actionWithValue({ type: 'users_select', action_id: 'a', block_id: 'b' }, ['U0ANA00001']),
      actionWithValue({ type: 'conversations_select', action_id: 'a', block_id: 'b' }, ['C0LAUNCH01']),
      actionWithValue({ type: 'channels_select', action_id: 'a', block_id: 'b' }, ['C0LAUNCH01']),
      actionWithValue({ type: 'datepicker', action_id: 'a', block_id: 'b' }, ['2026-11-20']),
      actionWithValue({ type: 'timepicker', action_id: 'a', block_id: 'b' }, ['09:30']),
      actionWithValue({ type: 'rich_text_input', action_id: 'a', block_id: 'b' }, ['hi']),
    ];
    for (const action of [...actions, ...chosen]) {
      for (const field of Object.keys(action)) expect(slackFields).toContain(field);
    }
  });
});
