import { describe, expect, test } from '@jest/globals';
import type { SharedNote } from '../../src/db/repos/retros.js';
import { LIMITS } from '../../src/slack/views/blocks.js';
import { retroMessage, retroSummary } from '../../src/slack/views/retros/message.js';

const note = (id: number, body: string, shared_author_id: string | null = null): SharedNote => ({
  id,
  category: (['went_well', 'to_improve', 'idea'] as const)[id % 3] ?? 'idea',
  body,
  shared_author_id,
});

type AnyBlock = { type: string; text?: { text: string }; elements?: { text?: unknown }[] };
/** Every text a block shows: a section's, or each of a context's elements. */
const texts = (blocks: AnyBlock[]) =>
  blocks.flatMap((b) =>
    b.text ? [b.text.text] : (b.elements ?? []).flatMap((e) => (typeof e.text === 'string' ? [e.text] : [])),
  );

describe('the retro summary', () => {
  test('names only the authors who shared their name', () => {
    const summary = retroSummary({
      retroId: 1,
      title: 'Q3',
      notes: [note(0, 'calm <b>launch</b>'), note(1, 'slow reviews', 'U0CY000003')],
      actionItems: [],
    });
    expect(texts(summary.blocks as never)).toEqual(
      expect.arrayContaining(['• calm &lt;b&gt;launch&lt;/b&gt;', '• slow reviews (<@U0CY000003>)']),
    );
  });

  test.each([0, 1, 49, 50, 500, 5000])(
    'stays within Slack’s limits with %i notes of 3000 characters',
    (n) => {
      const notes = Array.from({ length: n }, (_, i) => note(i, `${'long '.repeat(599)}${i}\nsecond line`));
      const summary = retroSummary({ retroId: 1, title: 't'.repeat(150), notes, actionItems: [] });
      expect(summary.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
      for (const text of texts(summary.blocks as never))
        expect([...text].length).toBeLessThanOrEqual(LIMITS.sectionText);
      const shown = texts(summary.blocks as never)
        .join('\n')
        .split('\n')
        .filter((l) => l.startsWith('• ')).length;
      const hidden = /…(\d+) more notes?/.exec(texts(summary.blocks as never).join('\n'))?.[1];
      expect(shown + Number(hidden ?? 0)).toBe(n);
    },
  );

  test('the retro message shows a count, never a note', () => {
    const message = retroMessage({
      retroId: 7,
      title: 'Sprint',
      noteCount: 1,
      closed: false,
      openItems: { items: [], total: 0 },
    });
    expect(message.text).toBe('Retro: Sprint · 1 note so far');
  });
});
