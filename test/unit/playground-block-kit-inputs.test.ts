import { describe, expect, test } from '@jest/globals';
import { renderBlocks, stateValueOf, validateBlocks } from '../../src/slack-emulator/index.js';
import { reader } from '../helpers/playground-block-kit.js';

describe('what the page needs to send actions and submit views', () => {
  test("stateValueOf gives Slack's view.state shape for each input", () => {
    const option = { text: { type: 'plain_text', text: 'Went well' }, value: 'went_well' };
    expect(stateValueOf('plain_text_input', ['hello'])).toEqual({ type: 'plain_text_input', value: 'hello' });
    expect(stateValueOf('plain_text_input', [''])).toEqual({ type: 'plain_text_input', value: null });
    expect(stateValueOf('url_text_input', ['https://x.example'])).toEqual({
      type: 'url_text_input',
      value: 'https://x.example',
    });
    expect(stateValueOf('static_select', [option])).toEqual({
      type: 'static_select',
      selected_option: option,
    });
    expect(stateValueOf('static_select', [])).toEqual({ type: 'static_select', selected_option: null });
    expect(stateValueOf('radio_buttons', [option])).toEqual({
      type: 'radio_buttons',
      selected_option: option,
    });
    expect(stateValueOf('checkboxes', [option])).toEqual({ type: 'checkboxes', selected_options: [option] });
    expect(stateValueOf('multi_static_select', [])).toEqual({
      type: 'multi_static_select',
      selected_options: [],
    });
    expect(stateValueOf('datepicker', ['2026-12-04'])).toEqual({
      type: 'datepicker',
      selected_date: '2026-12-04',
    });
    expect(stateValueOf('datepicker', [])).toEqual({ type: 'datepicker', selected_date: null });
    expect(stateValueOf('timepicker', ['09:30'])).toEqual({ type: 'timepicker', selected_time: '09:30' });
    expect(stateValueOf('users_select', ['U0ANA00001'])).toEqual({
      type: 'users_select',
      selected_user: 'U0ANA00001',
    });
    expect(stateValueOf('multi_users_select', ['U1', 'U2'])).toEqual({
      type: 'multi_users_select',
      selected_users: ['U1', 'U2'],
    });
    expect(stateValueOf('conversations_select', ['C1'])).toEqual({
      type: 'conversations_select',
      selected_conversation: 'C1',
    });
    expect(stateValueOf('channels_select', ['C1'])).toEqual({
      type: 'channels_select',
      selected_channel: 'C1',
    });
    expect(() => stateValueOf('button', [])).toThrow(/button has no value/);
  });

  test('inputs carry their ids and type, and show the values being typed and the errors returned', () => {
    const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
    const blocks = [
      {
        type: 'input',
        block_id: 'who',
        label: { type: 'plain_text', text: 'Owner' },
        element: { type: 'users_select', action_id: 'v', initial_user: 'U0ANA00001' },
      },
      {
        type: 'input',
        block_id: 'cat',
        label: { type: 'plain_text', text: 'Category' },
        element: {
          type: 'static_select',
          action_id: 'v',
          options: [option('a'), option('b')],
          initial_option: option('a'),
        },
      },
      {
        type: 'input',
        block_id: 'note',
        dispatch_action: true,
        label: { type: 'plain_text', text: 'Note' },
        element: { type: 'plain_text_input', action_id: 'v', multiline: true, initial_value: 'first' },
      },
    ];
    const initial = renderBlocks(
      blocks,
      reader('modal', { directory: { users: ['U0ANA00001', 'U0BEN00002'], channels: [] } }),
    );
    expect(initial).toContain('data-bk-type="users_select" data-block-id="who" data-action-id="v"');
    expect(initial).toContain(
      '<option value="U0ANA00001" selected>ana</option><option value="U0BEN00002">U0BEN00002</option>',
    );
    expect(initial).toContain(
      'value="a" data-bk-option="{&quot;text&quot;:{&quot;type&quot;:&quot;plain_text&quot;,&quot;text&quot;:&quot;a&quot;},&quot;value&quot;:&quot;a&quot;}" selected>',
    );
    expect(initial).toContain('data-block-id="note" data-bk-dispatch="true"');
    expect(initial).toContain('>first</textarea>');
    const redrawn = renderBlocks(
      blocks,
      reader('modal', {
        state: {
          cat: { v: { type: 'static_select', selected_option: option('b') } },
          note: { v: { type: 'plain_text_input', value: 'second' } },
        },
        errors: { note: 'Say a little more.' },
      }),
    );
    expect(redrawn).toContain('&quot;value&quot;:&quot;b&quot;}" selected>');
    expect(redrawn).toContain(
      '>second</textarea><div class="bk-input-error" role="alert">Say a little more.</div>',
    );
  });

  test('an image the bot uploaded is drawn from where the playground serves it', () => {
    const html = renderBlocks(
      [
        {
          type: 'image',
          slack_file: { id: 'F0CHART01' },
          alt_text: 'Line chart of the three pillars',
          title: { type: 'plain_text', text: 'Alliance health' },
        },
      ],
      reader('message', { fileUrl: (id) => `/playground/files/${id}` }),
    );
    expect(html).toContain(
      '<img class="bk-image" src="/playground/files/F0CHART01" alt="Line chart of the three pillars"',
    );
    expect(
      validateBlocks([{ type: 'image', slack_file: { id: 'F0CHART01' }, alt_text: 'chart' }], 'message'),
    ).toEqual([]);
  });
});
