import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { BOT_TOKEN, SlackStandIn, TRIGGER_LIFETIME_MS } from '../../src/slack-emulator/index.js';

/**
 * The stand-in's trigger_ids live as Slack's do: one modal each, within 3 seconds of being sent,
 * in wall time (docs.slack.dev/reference/methods/views.open, "Errors").
 */
let slack: SlackStandIn;
beforeAll(async () => {
  slack = await SlackStandIn.start();
});
afterAll(() => slack.stop());

const modal = { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [{ type: 'divider' }] };
const open = async (triggerId: string) =>
  (await (
    await fetch(`${slack.apiUrl}views.open`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BOT_TOKEN}` },
      body: JSON.stringify({ trigger_id: triggerId, view: modal }),
    })
  ).json()) as { ok: boolean; error?: string; view?: { id: string } };

test('a trigger_id opens one modal, for the person it was sent to; used again it is refused', async () => {
  slack.recordTrigger('100.1.fresh', 'U0ANA');
  const first = await open('100.1.fresh');
  expect(first).toMatchObject({ ok: true });
  expect(slack.modals.get('U0ANA')?.map((v) => v.id)).toEqual([first.view?.id]);
  expect(slack.openedBy('100.1.fresh')?.view).toEqual(modal);
  expect(await open('100.1.fresh')).toEqual({ ok: false, error: 'exchanged_trigger_id' });
  expect(slack.modals.get('U0ANA')).toHaveLength(1);
});

test('a trigger_id the stand-in never sent also opens only once', async () => {
  expect(await open('100.2.raw')).toMatchObject({ ok: true });
  expect(await open('100.2.raw')).toEqual({ ok: false, error: 'exchanged_trigger_id' });
});

test('a trigger_id used more than 3 seconds after it was sent is refused as expired', async () => {
  slack.resetCalls();
  slack.recordTrigger('100.3.late', 'U0ANA');
  slack.recordTrigger('100.3.again', 'U0ANA');
  await new Promise((resolve) => setTimeout(resolve, TRIGGER_LIFETIME_MS + 100));
  expect(await open('100.3.late')).toEqual({ ok: false, error: 'expired_trigger_id' });
  // Sent again later, it keeps its first time: Slack's trigger_ids do not renew.
  slack.recordTrigger('100.3.again', 'U0ANA');
  expect(await open('100.3.again')).toEqual({ ok: false, error: 'expired_trigger_id' });
  expect(slack.modals.get('U0ANA')).toBeUndefined();
});
