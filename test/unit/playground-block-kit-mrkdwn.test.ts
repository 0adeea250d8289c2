import { describe, expect, test } from '@jest/globals';
import {
  type RenderContext,
  renderBlocks,
  renderMrkdwn,
  renderPlainText,
} from '../../src/slack-emulator/index.js';
import { reader, section } from '../helpers/playground-block-kit.js';

const mrkdwn = (text: string, more: Partial<RenderContext> = {}) =>
  renderMrkdwn(text, reader('message', more));

describe('mrkdwn', () => {
  test('styles, code, pre blocks and quotes', () => {
    expect(mrkdwn('*bold* _italic_ ~strike~ `code *not bold*`')).toBe(
      '<b>bold</b> <i>italic</i> <s>strike</s> <code class="bk-code">code *not bold*</code>',
    );
    expect(mrkdwn('snake_case_name and 2*3*4')).toBe('snake_case_name and 2*3*4');
    expect(mrkdwn('*bold _and italic_*')).toBe('<b>bold <i>and italic</i></b>');
    expect(mrkdwn('```\nfirst *line*\n<@U0ANA00001>```after')).toBe(
      '<pre class="bk-pre">first *line*\n&lt;@U0ANA00001&gt;</pre>after',
    );
    expect(mrkdwn('said:\n>one\n&gt; two\nback')).toBe(
      'said:<blockquote class="bk-quote">one<br>two</blockquote>back',
    );
    expect(mrkdwn('>>>all\nof this')).toBe('<blockquote class="bk-quote">all<br>of this</blockquote>');
  });

  test('links, mentions, special mentions and dates', () => {
    expect(mrkdwn('<https://x.example/a?b=1&amp;c=2|the *doc*> and <https://x.example>')).toBe(
      '<a class="bk-link" href="https://x.example/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the *doc*</a> and ' +
        '<a class="bk-link" href="https://x.example" target="_blank" rel="noopener noreferrer">https://x.example</a>',
    );
    expect(
      mrkdwn(
        '<@U0ANA00001> <@U0NOBODY1> <@U0NOBODY2|old name> <#C0LAUNCH01> <#C0NONE001> <#C0NONE002|general>',
      ),
    ).toBe(
      [
        '<span class="bk-mention bk-mention-user">@ana</span>',
        '<span class="bk-mention bk-mention-user">@U0NOBODY1</span>',
        '<span class="bk-mention bk-mention-user">@old name</span>',
        '<span class="bk-mention bk-mention-channel">#launch</span>',
        '<span class="bk-mention bk-mention-channel">#C0NONE001</span>',
        '<span class="bk-mention bk-mention-channel">#general</span>',
      ].join(' '),
    );
    expect(mrkdwn('<!here> <!channel> <!subteam^S0123|@design-team> <!subteam^S0456>')).toBe(
      '<span class="bk-mention bk-mention-broadcast">@here</span> <span class="bk-mention bk-mention-broadcast">@channel</span> ' +
        '<span class="bk-mention bk-mention-usergroup">@design-team</span> <span class="bk-mention bk-mention-usergroup">@S0456</span>',
    );
    const date = '<!date^1392734382^{date_short} at {time}|Feb 18, 2014 at 14:39 UTC>';
    expect(mrkdwn(date)).toBe('<time class="bk-date">Feb 18, 2014 at 14:39 UTC</time>');
    expect(mrkdwn(date, { timeZone: 'America/Los_Angeles' })).toBe(
      '<time class="bk-date">Feb 18, 2014 at 6:39 AM</time>',
    );
    expect(
      mrkdwn('<!date^1392734382^{date_long_pretty}|x>', {
        timeZone: 'UTC',
        now: new Date('2014-02-19T10:00:00Z'),
      }),
    ).toBe('<time class="bk-date">Yesterday</time>');
    // Lower case where the word does not open the format; 24-hour for a reader who prefers it.
    expect(
      mrkdwn('<!date^1392734382^due {date_short_pretty} at {time}|x>', {
        timeZone: 'UTC',
        now: new Date('2014-02-17T10:00:00Z'),
        clock24: true,
      }),
    ).toBe('<time class="bk-date">due tomorrow at 14:39</time>');
    expect(mrkdwn('<!date^1392734307^{time}|x>', { timeZone: 'UTC', clock24: true })).toBe(
      '<time class="bk-date">14:38</time>',
    );
    expect(mrkdwn('<!date^1392697800^{time}|x>', { timeZone: 'UTC', clock24: true })).toBe(
      '<time class="bk-date">04:30</time>',
    );
  });

  test('emoji: known names become characters, with skin tones; unknown ones stay as typed', () => {
    expect(mrkdwn(':tada: :wave::skin-tone-3: :not_an_emoji: 09:00:00')).toBe(
      '🎉 👋🏼 :not_an_emoji: 09:00:00',
    );
    expect(renderPlainText(':tada: *not bold*')).toBe('🎉 *not bold*');
    expect(renderPlainText(':tada:', false)).toBe(':tada:');
  });

  test("Slack's escaping is read back exactly once", () => {
    // Slack sends "&", "<" and ">" as entities; what a person typed as "&lt;" arrives as "&amp;lt;".
    expect(mrkdwn('a &amp; b &lt;tag&gt; &amp;lt;kept&amp;gt; R&D')).toBe(
      'a &amp; b &lt;tag&gt; &amp;lt;kept&amp;gt; R&amp;D',
    );
    expect(renderPlainText('Pistachio &amp; Co &amp;lt;3')).toBe('Pistachio &amp; Co &amp;lt;3');
  });
});

describe('nothing in a payload can run script or break out of the markup', () => {
  const ATTACK = `<script>alert(1)</script>"><img src=x onerror=alert(1)>'`;
  /**
   * Every tag in the markup with its quoted attribute values taken out: escaped text holds no "<"
   * and no '"', so these are exactly the tags and attributes a browser would see.
   */
  const tagsOf = (html: string) => [...html.matchAll(/<[^>]*>/g)].map((m) => m[0].replace(/"[^"]*"/g, '""'));
  const looksSafe = (html: string) => {
    const tags = tagsOf(html);
    expect(tags.filter((t) => /^<\/?(script|iframe|object|embed|style)\b/i.test(t))).toEqual([]);
    expect(tags.filter((t) => /\son[a-z]+\s*=/i.test(t))).toEqual([]);
    // Any img is one of ours, with our attributes only.
    expect(
      tags.filter((t) => /^<img/i.test(t) && !/^<img class="" src="" alt="" loading=""\/?>$/.test(t)),
    ).toEqual([]);
    for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g))
      expect(m[1]).toMatch(/^(https?:\/\/|mailto:|\/[^/])/);
  };

  test('script and attribute injection in every kind of text', () => {
    const text = (type: string) => ({ type, text: ATTACK });
    const option = { text: text('plain_text'), value: ATTACK, description: text('plain_text') };
    const blocks = [
      { type: 'header', text: text('plain_text') },
      {
        type: 'section',
        block_id: ATTACK,
        text: text('mrkdwn'),
        fields: [text('mrkdwn'), text('plain_text')],
        accessory: { type: 'overflow', action_id: ATTACK, options: [option] },
      },
      { type: 'context', elements: [text('mrkdwn'), { type: 'image', image_url: ATTACK, alt_text: ATTACK }] },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ATTACK,
            text: text('plain_text'),
            value: ATTACK,
            url: ATTACK,
            confirm: {
              title: text('plain_text'),
              text: text('mrkdwn'),
              confirm: text('plain_text'),
              deny: text('plain_text'),
            },
          },
          {
            type: 'static_select',
            placeholder: text('plain_text'),
            options: [option],
            initial_option: option,
          },
          { type: 'checkboxes', options: [{ ...option, text: text('mrkdwn') }] },
        ],
      },
      { type: 'image', image_url: ATTACK, alt_text: ATTACK, title: text('plain_text') },
      {
        type: 'input',
        block_id: 'i',
        label: text('plain_text'),
        hint: text('plain_text'),
        element: {
          type: 'plain_text_input',
          action_id: 'a',
          initial_value: ATTACK,
          placeholder: text('plain_text'),
        },
      },
      {
        type: 'rich_text',
        elements: [
          {
            type: 'rich_text_section',
            elements: [
              { type: 'text', text: ATTACK },
              { type: 'link', url: 'javascript:alert(1)', text: ATTACK },
            ],
          },
        ],
      },
    ];
    const html = renderBlocks(
      blocks,
      reader('modal', {
        errors: { i: ATTACK },
        state: { i: { a: { type: 'plain_text_input', value: ATTACK } } },
      }),
    );
    looksSafe(html);
    // The text is still there for a reader, as text.
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;',
    );
  });

  test.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//evil.example/x',
  ])('a %j link is shown as text, never as an href or src', (url) => {
    const escaped = url.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const html = renderBlocks(
      [
        section(`<${escaped}|click me> <${escaped}>`),
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Go' }, url }] },
        { type: 'image', image_url: url, alt_text: 'pic' },
        { type: 'context', elements: [{ type: 'image', image_url: url, alt_text: 'icon' }] },
      ],
      reader('message'),
    );
    expect(html).not.toMatch(/\s(href|src)=/);
    expect(html).toContain('click me');
  });

  test('an unescaped <script> in mrkdwn is a broken link token, drawn as text', () => {
    const html = mrkdwn('<script>alert(1)</script>');
    looksSafe(html);
    expect(html).toBe(
      '<span class="bk-link bk-unsafe-link">script</span>alert(1)<span class="bk-link bk-unsafe-link">/script</span>',
    );
  });
});
