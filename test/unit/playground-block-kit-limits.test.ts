import { describe, expect, test } from '@jest/globals';
import { renderBlocks, validateBlocks, validateView } from '../../src/slack-emulator/index.js';
import { errorBoxes, reader, section } from '../helpers/playground-block-kit.js';

describe('what Slack would refuse', () => {
  test('51 blocks in a message: named, and drawn as an error', () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`line ${i}`));
    expect(validateBlocks(blocks, 'message')).toEqual([
      'invalid_blocks: 51 blocks, a message allows 50 [json-pointer:/blocks]',
    ]);
    expect(validateBlocks(blocks.slice(0, 50), 'message')).toEqual([]);
    expect(errorBoxes(renderBlocks(blocks, reader('message')))).toEqual(['51 blocks, a message allows 50']);
  });

  test('101 blocks in a modal or a Home tab; 100 are fine', () => {
    const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' }));
    expect(validateBlocks(blocks, 'modal')).toEqual([
      'invalid_arguments: 101 blocks, a modal allows 100 [json-pointer:/view/blocks]',
    ]);
    expect(validateBlocks(blocks, 'home')).toEqual([
      'invalid_arguments: 101 blocks, a Home tab allows 100 [json-pointer:/view/blocks]',
    ]);
    expect(validateBlocks(blocks.slice(1), 'home')).toEqual([]);
  });

  test('a 151-character header; 150 are fine', () => {
    const header = (n: number) => [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(n) } }];
    expect(validateBlocks(header(151), 'message')).toEqual([
      'invalid_blocks: header text text is 151 characters, more than 150 [json-pointer:/blocks/0/text/text]',
    ]);
    expect(validateBlocks(header(150), 'message')).toEqual([]);
    // Characters, not UTF-16 units: 150 emoji are 150 characters.
    expect(
      validateBlocks([{ type: 'header', text: { type: 'plain_text', text: '🎉'.repeat(150) } }], 'message'),
    ).toEqual([]);
  });

  test('an unknown block type is named and drawn as an error, and the rest still draws', () => {
    const blocks = [section('before'), { type: 'tabel', rows: [] }, section('after')];
    expect(validateBlocks(blocks, 'message')).toEqual([
      'invalid_blocks: unknown block type "tabel" [json-pointer:/blocks/1/type]',
    ]);
    const html = renderBlocks(blocks, reader('message'));
    expect(errorBoxes(html)).toEqual(['block 1: unknown block type &quot;tabel&quot;']);
    expect(html).toContain('before');
    expect(html).toContain('after');
  });

  test('missing text: a section with neither text nor fields, a header and a button without text', () => {
    const blocks = [
      { type: 'section' },
      { type: 'header' },
      { type: 'actions', elements: [{ type: 'button', action_id: 'a' }] },
    ];
    expect(validateBlocks(blocks, 'message')).toEqual([
      'invalid_blocks: section needs text or fields [json-pointer:/blocks/0]',
      'invalid_blocks: missing required field header text [json-pointer:/blocks/1/text]',
      'invalid_blocks: missing required field button text [json-pointer:/blocks/2/elements/0/text]',
    ]);
    expect(errorBoxes(renderBlocks(blocks, reader('message')))).toEqual([
      'section: needs text or fields',
      'header: needs text, a plain_text object',
      'button: missing its text (a plain_text object)',
    ]);
  });

  test.each([
    [
      'section text over 3000',
      [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }],
      'section text text is 3001 characters, more than 3000 [json-pointer:/blocks/0/text/text]',
    ],
    [
      'a field over 2000',
      [{ type: 'section', fields: [{ type: 'mrkdwn', text: 'x'.repeat(2001) }] }],
      'field text is 2001 characters, more than 2000 [json-pointer:/blocks/0/fields/0/text]',
    ],
    [
      'more than 10 fields',
      [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'plain_text', text: 'f' })) }],
      'section fields has 11 items, more than 10 [json-pointer:/blocks/0/fields]',
    ],
    [
      'context over 10 elements',
      [{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) }],
      'context elements has 11 items, more than 10 [json-pointer:/blocks/0/elements]',
    ],
    [
      'actions over 25 elements',
      [
        {
          type: 'actions',
          elements: Array.from({ length: 26 }, (_, i) => ({
            type: 'button',
            action_id: `a${i}`,
            text: { type: 'plain_text', text: 'b' },
          })),
        },
      ],
      'actions elements has 26 items, more than 25 [json-pointer:/blocks/0/elements]',
    ],
    [
      'button text over 75',
      [
        {
          type: 'actions',
          elements: [{ type: 'button', text: { type: 'plain_text', text: 'b'.repeat(76) } }],
        },
      ],
      'button text text is 76 characters, more than 75 [json-pointer:/blocks/0/elements/0/text/text]',
    ],
    [
      'button value over 2000',
      [
        {
          type: 'actions',
          elements: [{ type: 'button', text: { type: 'plain_text', text: 'b' }, value: 'v'.repeat(2001) }],
        },
      ],
      'button value is 2001 characters, more than 2000 [json-pointer:/blocks/0/elements/0/value]',
    ],
    [
      'action_id over 255',
      [
        {
          type: 'actions',
          elements: [{ type: 'button', action_id: 'a'.repeat(256), text: { type: 'plain_text', text: 'b' } }],
        },
      ],
      'action_id is 256 characters, more than 255 [json-pointer:/blocks/0/elements/0/action_id]',
    ],
    [
      'block_id over 255',
      [{ type: 'divider', block_id: 'b'.repeat(256) }],
      'block_id is 256 characters, more than 255 [json-pointer:/blocks/0/block_id]',
    ],
    [
      'a duplicate block_id',
      [
        { type: 'divider', block_id: 'd' },
        { type: 'divider', block_id: 'd' },
      ],
      'duplicate block_id "d" [json-pointer:/blocks/1/block_id]',
    ],
    [
      'a duplicate action_id within a block',
      [
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'x', text: { type: 'plain_text', text: 'b' } },
            { type: 'button', action_id: 'x', text: { type: 'plain_text', text: 'c' } },
          ],
        },
      ],
      'duplicate action_id "x" in this block [json-pointer:/blocks/0/elements/1/action_id]',
    ],
    [
      'option text over 75',
      [
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              options: [{ text: { type: 'plain_text', text: 'o'.repeat(76) }, value: 'o' }],
            },
          ],
        },
      ],
      'option text is 76 characters, more than 75 [json-pointer:/blocks/0/elements/0/options/0/text/text]',
    ],
    [
      'over 100 options',
      [
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              options: Array.from({ length: 101 }, (_, i) => ({
                text: { type: 'plain_text', text: `o${i}` },
                value: `${i}`,
              })),
            },
          ],
        },
      ],
      'options has 101 items, more than 100 [json-pointer:/blocks/0/elements/0/options]',
    ],
    [
      'an initial option that is not an option',
      [
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              options: [{ text: { type: 'plain_text', text: 'a' }, value: 'a' }],
              initial_option: { text: { type: 'plain_text', text: 'b' }, value: 'b' },
            },
          ],
        },
      ],
      'initial option "b" is not one of the options [json-pointer:/blocks/0/elements/0/initial_option]',
    ],
    [
      'an input label over 2000',
      [
        {
          type: 'input',
          label: { type: 'plain_text', text: 'l'.repeat(2001) },
          element: { type: 'plain_text_input' },
        },
      ],
      'input label text is 2001 characters, more than 2000 [json-pointer:/blocks/0/label/text]',
    ],
    [
      'an unknown element type',
      [{ type: 'actions', elements: [{ type: 'slider' }] }],
      'unknown element type "slider" [json-pointer:/blocks/0/elements/0/type]',
    ],
    [
      'an element where it cannot go',
      [{ type: 'section', text: { type: 'mrkdwn', text: 't' }, accessory: { type: 'plain_text_input' } }],
      'plain_text_input is not allowed in a section accessory [json-pointer:/blocks/0/accessory/type]',
    ],
    [
      'an input without its element',
      [{ type: 'input', label: { type: 'plain_text', text: 'l' } }],
      'missing required field element [json-pointer:/blocks/0/element]',
    ],
    [
      'an image without alt_text',
      [{ type: 'image', image_url: 'https://x.example/a.png' }],
      'missing required field alt_text [json-pointer:/blocks/0/alt_text]',
    ],
    [
      'a mrkdwn header',
      [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }],
      'header text must be plain_text, not mrkdwn [json-pointer:/blocks/0/text/type]',
    ],
    [
      'a modal-only element in a message',
      [{ type: 'input', label: { type: 'plain_text', text: 'l' }, element: { type: 'url_text_input' } }],
      'url_text_input is not allowed in a message [json-pointer:/blocks/0/element/type]',
    ],
  ])('%s', (_, blocks, problem) => {
    expect(validateBlocks(blocks, 'message')).toEqual([`invalid_blocks: ${problem}`]);
  });

  test('a modal: its title, its buttons, and submit when it has inputs', () => {
    const input = {
      type: 'input',
      label: { type: 'plain_text', text: 'Name' },
      element: { type: 'plain_text_input' },
    };
    expect(
      validateView({ type: 'modal', title: { type: 'plain_text', text: 't'.repeat(25) }, blocks: [input] }),
    ).toEqual([
      'invalid_arguments: title text is 25 characters, more than 24 [json-pointer:/view/title/text]',
      'invalid_arguments: a modal with input blocks needs submit [json-pointer:/view/submit]',
    ]);
    expect(
      validateView({
        type: 'modal',
        title: { type: 'plain_text', text: 'Form' },
        submit: { type: 'plain_text', text: 'Save' },
        blocks: [input],
      }),
    ).toEqual([]);
  });
});
