import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { z } from 'zod';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { openedModal } from '../helpers/modals.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * A partner's member (Globex, which has not installed Rapport) in the Slack Connect channel: she
 * cannot type Rapport's commands, but answers her stand-up prompt through its button and modal.
 * Her submission arrives as Slack sends it: `team` and `view.team_id` Globex,
 * `view.app_installed_team_id` Northwind (slackapi/bolt-js issue #1614), so Bolt's context.teamId
 * is Northwind's. Kept apart from the other stand-up tests: it passes once the listeners take the
 * workspace from Bolt's context rather than `body.team` (the listener change in progress on main).
 */
const ANA = 'U0ANA00001';
const DANA = 'U0DANA0002';
const GLOBEX = 'T0GLOBEX01';
const CHANNEL = 'C0ALLIANCE';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: DANA, name: 'dana', tz: 'Europe/Berlin', team_id: GLOBEX });
  t.slack.addChannel({ id: CHANNEL, name: 'northwind-globex', teams: [TEAM_ID, GLOBEX] });
  t.slack.channelMembers.set(CHANNEL, [ANA, DANA]);
  t.clock.set('2026-11-20T07:00:00Z'); // Friday, 08:00 in Berlin
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Button = { action_id: string; value: string };

test('Globex’s member answers the stand-up in the shared channel through its button and modal', async () => {
  // Her own /rituals never reaches Rapport: Slackbot answers her.
  const hers = await t.requests.slashCommand({
    command: '/rituals',
    text: 'standup',
    user_id: DANA,
    channel_id: CHANNEL,
  });
  expect(hers.delivered).toBe(false);

  await t.requests.command({
    command: '/rituals',
    text: 'standup mon-fri 09:30 UTC',
    user_id: ANA,
    channel_id: CHANNEL,
  });
  await t.app.background.drain();
  t.clock.set('2026-11-20T09:30:05Z');
  await t.app.jobs.tick();
  await t.app.jobs.deliver();

  const prompt = t.slack.callsTo('chat.postMessage').find((c) => c.args.channel === DANA);
  const answer = ((prompt?.args.blocks as { type: string; elements?: Button[] }[]) ?? [])
    .find((b) => b.type === 'actions')
    ?.elements?.find((e) => e.action_id === 'standup_answer');
  expect(answer).toBeDefined();

  await t.requests.blockAction({
    user_id: DANA,
    action_id: 'standup_answer',
    value: answer?.value ?? '',
    channel_id: `D${DANA}`,
  });
  const view = await openedModal<{ id?: string; private_metadata: string }>(t.slack, 0);
  const opened = t.slack.modals.get(DANA)?.at(-1);
  expect(opened?.appInstalledTeam).toBe(TEAM_ID);

  const submitted = await t.requests.viewSubmission({
    user_id: DANA,
    view_id: opened?.id,
    callback_id: 'standup_checkin',
    private_metadata: view.private_metadata,
    values: {
      question_0: { answer: { type: 'plain_text_input', value: 'Synced the partner API' } },
      question_1: { answer: { type: 'plain_text_input', value: 'Load tests' } },
      question_2: { answer: { type: 'plain_text_input', value: 'none' } },
    },
  });
  expect(submitted.status).toBe(200);
  expect(await submitted.text()).toBe('');
  await t.app.background.drain();

  const rows = await t.database.db.query(
    'select team_id, user_id, status from checkins order by user_id',
    [],
    z.object({ team_id: z.string(), user_id: z.string(), status: z.string() }),
  );
  // The shared channel's records are one set, kept under the channel's id.
  expect(rows).toEqual([{ team_id: CHANNEL, user_id: DANA, status: 'answered' }]);
});
