import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { LOADING_VIEW } from '../../src/slack/views/loading-modal.js';
import { openedModal } from '../helpers/modals.js';
import type { TcpProxy } from '../helpers/tcp-proxy.js';
import { type ProxiedApp, startAppBehindProxy, type TestApp } from '../helpers/test-app.js';

/**
 * A trigger_id lasts 3 seconds (fake Slack refuses it later, in wall time, as Slack does), and
 * nothing reaches Slack before a listener ends. So every way into a modal opens it while the
 * database is still silent, and fills it once the database answers.
 */
const ANA = 'U0ANA00001';
const CHANNEL = 'C0TEAMROOM';
const STALLED_MS = 2_500;

let setup: ProxiedApp;
let t: TestApp;
let proxy: TcpProxy;

beforeAll(async () => {
  setup = await startAppBehindProxy();
  ({ t, proxy } = setup);
  t.slack.addUser({ id: ANA, name: 'ana' });
});
afterEach(async () => {
  proxy.resume();
  await t.reset();
});
afterAll(() => setup.close());

const message = { ts: '1700000000.000100', text: 'We ship on Friday', user: 'U0BEN00002' };
const button = (action_id: string, value: string) => () =>
  t.requests.blockAction({ user_id: ANA, action_id, value, channel_id: CHANNEL });
const command =
  (name: string, text = '') =>
  () =>
    t.requests.command({ command: name, text, user_id: ANA, channel_id: CHANNEL });
const shortcut = (callback_id: string) => () =>
  t.requests.messageShortcut({ user_id: ANA, callback_id, channel_id: CHANNEL, message });

/** What Slack refused of the modal's calls (views.open, views.update). */
const viewRefusals = () => t.slack.refusals.filter((r) => r.method.startsWith('views.'));

const ways: [string, () => Promise<Response>][] = [
  ['/checkin', command('/checkin')],
  ['/rituals', command('/rituals')],
  ['/charter', command('/charter')],
  ['/charter edit', command('/charter', 'edit')],
  ['the stand-up Answer button', button('standup_answer', JSON.stringify({ r: 1, d: '2026-01-05' }))],
  ['Edit on a ritual', button('ritual_edit', '1')],
  ['Edit on the charter', button('charter_edit', '')],
  ['Edit on a decision', button('decision_edit', '1')],
  ['Add a note on a retro', button('retro_add_note', '1')],
  ['Answer on a pulse check', button('pulse_answer', JSON.stringify({ r: 1, d: '2026-01-05' }))],
  ['Correct on a credit', button('credit_correct', '1')],
  ['the credit shortcut', shortcut('give_credit')],
  ['the kudos shortcut', shortcut('give_kudos')],
  ['the "Log a decision" shortcut', shortcut('log_decision')],
];

describe('with the database stalled, the modal still opens within the trigger’s 3 seconds', () => {
  test.each(ways)('%s', async (_, send) => {
    proxy.pause();
    const sent = send();
    const open = await t.slack.waitFor(() => t.slack.callsTo('views.open')[0], STALLED_MS);
    expect(open).toBeDefined();
    expect(viewRefusals()).toEqual([]);
    proxy.resume();
    expect((await sent).status).toBe(200);
    // Filled in once the database answered: the form, or what keeps it from opening.
    const shown = await openedModal(t.slack, 0);
    expect(shown.callback_id).not.toBe(LOADING_VIEW);
    expect(viewRefusals()).toEqual([]);
  });
});
