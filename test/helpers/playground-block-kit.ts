import type { RenderContext, Surface } from '../../src/slack-emulator/index.js';

/** The playground's workspace as the Block Kit tests know it. */
export const PEOPLE: Record<string, string> = { U0ANA00001: 'ana' };
export const CHANNELS: Record<string, string> = { C0LAUNCH01: 'launch' };

/** A reader of the given surface in that workspace, with whatever else a test gives. */
export const reader = (surface: Surface, more: Partial<RenderContext> = {}): RenderContext => ({
  surface,
  userName: (id) => PEOPLE[id],
  channelName: (id) => CHANNELS[id],
  ...more,
});

/** The texts of the error boxes drawn, in order. */
export const errorBoxes = (html: string) =>
  [...html.matchAll(/class="bk-error"[^>]*>([^<]*)</g)].map((m) => m[1]);

export const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
