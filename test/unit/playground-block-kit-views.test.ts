import { describe, expect, test } from '@jest/globals';
import {
  type RenderContext,
  renderBlocks,
  type Surface,
  validateBlocks,
  validateView,
} from '../../src/slack-emulator/index.js';
import { CHANNELS, PEOPLE, rapportViews } from '../helpers/playground-rapport-views.js';

const reader = (surface: Surface): RenderContext => ({
  surface,
  userName: (id) => PEOPLE[id],
  channelName: (id) => CHANNELS[id],
  directory: { users: Object.keys(PEOPLE), channels: Object.keys(CHANNELS) },
  timeZone: 'Europe/Berlin',
  now: new Date('2026-11-20T09:00:00Z'),
});

type Element = { type: string; action_id?: string };
type AnyBlock = {
  type: string;
  block_id?: string;
  element?: Element;
  elements?: Element[];
  accessory?: Element;
};

const views = rapportViews();

describe('every message and view Rapport builds, drawn as Slack would draw it', () => {
  test('covers the surfaces and the limits', () => {
    expect(views.length).toBeGreaterThanOrEqual(90);
    expect(new Set(views.map((v) => v.surface))).toEqual(new Set(['message', 'modal', 'home']));
    expect(Math.max(...views.filter((v) => v.surface === 'message').map((v) => v.blocks.length))).toBe(50);
  });

  test.each(views.map((v) => [v.name, v] as const))('%s: Slack would take it, and it draws', (_, v) => {
    expect(v.view ? validateView(v.view) : validateBlocks(v.blocks, v.surface)).toEqual([]);
    const html = renderBlocks(v.blocks, reader(v.surface));
    expect(html).not.toContain('bk-error');
    for (const text of v.shows) expect(html).toContain(text);
    // Every block is drawn, none skipped.
    expect(html.match(/class="bk-block /g)).toHaveLength(v.blocks.length);
  });

  test.each(views.map((v) => [v.name, v] as const))(
    '%s: every interactive element carries the ids its action and state need',
    (_, v) => {
      const html = renderBlocks(v.blocks, reader(v.surface));
      for (const block of v.blocks as AnyBlock[]) {
        const elements = [
          block.element,
          block.accessory,
          ...(block.type === 'actions' ? (block.elements ?? []) : []),
        ];
        for (const e of elements) {
          if (!e?.action_id) continue;
          const ids = `data-bk-type="${e.type}"${block.block_id ? ` data-block-id="${block.block_id}"` : ' data-block-id="'}`;
          expect(html).toContain(ids);
          expect(html).toContain(`data-action-id="${e.action_id}"`);
          expect(html).toContain(`&quot;action_id&quot;:&quot;${e.action_id}&quot;`);
        }
      }
    },
  );
});
