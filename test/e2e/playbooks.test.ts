import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { openedModal } from '../helpers/modals.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/** `/rituals playbook`, through the HTTP endpoint: its confirmation form, what it sets up, once. */
const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CHANNEL = 'C0PROJECT1';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'Europe/Berlin' });
  t.slack.channelMembers.set(CHANNEL, [ANA, BEN]);
  t.clock.set('2026-12-10T12:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  expect(t.logs.lines().filter((l) => Number(l.level) >= 50)).toEqual([]);
  await t.reset();
});

type Modal = { callback_id: string; private_metadata: string; blocks: unknown[] };

async function command(text: string): Promise<{ text?: string }> {
  const res = await t.requests.command({ command: '/rituals', text, user_id: ANA, channel_id: CHANNEL });
  expect(res.status).toBe(200);
  const body = await res.text();
  await t.app.background.drain();
  return body ? (JSON.parse(body) as { text?: string }) : {};
}

/** Types `/rituals playbook …` and returns the confirmation form Slack opened. */
async function confirmation(text: string): Promise<Modal> {
  const n = t.slack.callsTo('views.open').length;
  expect(await command(text)).toEqual({});
  return openedModal<Modal>(t.slack, n);
}

async function setItUp(form: Modal) {
  const res = await t.requests.viewSubmission({
    user_id: ANA,
    callback_id: 'playbook_confirm',
    private_metadata: form.private_metadata,
    values: {},
  });
  expect(res.status).toBe(200);
  const body = await res.text();
  await t.app.background.drain();
  await t.app.jobs.deliver();
  return body ? (JSON.parse(body) as { response_action?: string; view?: { blocks: unknown[] } }) : {};
}

const rituals = () =>
  t.database.db.query(
    `select id, kind, cadence, time_of_day, zone, lead_minutes from rituals order by id`,
    [],
    z.object({
      id: z.coerce.number(),
      kind: z.string(),
      cadence: z.string(),
      time_of_day: z.string(),
      zone: z.string(),
      lead_minutes: z.number(),
    }),
  );
const channelPosts = () => t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL);

describe('/rituals playbook', () => {
  test('alliance: the form lists what it creates; Set it up creates it once, with the kickoff charter prompt', async () => {
    const form = await confirmation('playbook alliance');
    expect(form.callback_id).toBe('playbook_confirm');
    const listed = JSON.stringify(form.blocks);
    for (const line of [
      'A kickoff post asking everyone to agree the channel’s charter',
      "A stand-up: Mon–Fri at 09:30, each person's local time",
      "A retro: Every other Fri at 15:00, each person's local time",
      "A pulse check: The first Mon of each month at 11:00, each person's local time",
      "A health digest: Mon at 09:00, each person's local time",
      "A review: The first Tue of January, April, July and October at 10:00, each person's local time",
    ]) {
      expect(listed).toContain(line);
    }
    // Nothing exists until it is confirmed.
    expect(await rituals()).toEqual([]);

    expect(await setItUp(form)).toEqual({});
    expect(
      (await rituals()).map((r) => [r.kind, r.cadence, r.time_of_day.slice(0, 5), r.zone, r.lead_minutes]),
    ).toEqual([
      ['standup', 'weekly', '09:30', 'local', 0],
      ['retro', 'biweekly', '15:00', 'local', 0],
      ['pulse', 'monthly', '11:00', 'local', 0],
      ['digest', 'weekly', '09:00', 'local', 0],
      // A review is held at one time: the zone of whoever set it up.
      ['review', 'quarterly', '10:00', 'Europe/Berlin', 7 * 24 * 60],
    ]);
    const posts = channelPosts();
    expect(posts).toHaveLength(1);
    expect(String(posts[0]?.args.text)).toBe(`Alliance playbook set up in <#${CHANNEL}> by <@${ANA}>`);
    const posted = JSON.stringify(posts[0]?.args.blocks);
    expect(posted).toContain('Kickoff: agree your charter.');
    expect(posted).toContain('"action_id":"charter_edit"');

    // Slack delivers the submission again (or it is double-clicked): nothing more.
    expect(await setItUp(form)).toEqual({});
    expect(await rituals()).toHaveLength(5);
    expect(channelPosts()).toHaveLength(1);

    // Each ritual found its participants.
    const [slots] = await t.database.db.query(
      `select count(distinct ritual_id)::int as n from ritual_slots`,
      [],
      z.object({ n: z.number() }),
    );
    expect(slots?.n).toBe(5);
  });

  test('keeps a kind the channel already has, and says so before and after', async () => {
    await command('standup mon,wed 10:00 Europe/Berlin');
    const form = await confirmation('playbook alliance');
    expect(JSON.stringify(form.blocks)).toContain('No new stand-up: the channel');
    await setItUp(form);
    const kinds = (await rituals()).map((r) => r.kind);
    expect(kinds.filter((k) => k === 'standup')).toHaveLength(1);
    expect(kinds).toHaveLength(5);
    expect(JSON.stringify(channelPosts().at(-1)?.args.blocks)).toContain('was already here: kept as it is');
  });

  test('project: two rituals now, and a debrief prompt on its end date that opens the debrief form', async () => {
    const form = await confirmation('playbook project 2027-03-31 Apollo');
    expect(JSON.stringify(form.blocks)).toContain("a prompt to hold the Apollo project's debrief");
    await setItUp(form);
    expect((await rituals()).map((r) => r.kind)).toEqual(['standup', 'retro']);
    expect(channelPosts()).toHaveLength(1);

    // 31 March 2027, 14:00 in Berlin: the prompt, once.
    t.clock.set('2027-03-31T12:00:30Z');
    await t.app.jobs.deliver();
    const prompt = channelPosts().find((c) => String(c.args.text).includes('debrief'));
    expect(String(prompt?.args.text)).toBe('The project ends today: time for its debrief');
    expect(JSON.stringify(prompt?.args.blocks)).toContain('The project *Apollo* ends today');

    const n = t.slack.callsTo('views.open').length;
    const click = await t.requests.blockActions({
      user_id: BEN,
      action: {
        type: 'button',
        action_id: 'playbook_debrief',
        block_id: 'playbook_debrief',
        value: 'Apollo',
        text: { type: 'plain_text', text: 'Write the debrief' },
      },
      where: {
        type: 'message',
        channel_id: CHANNEL,
        channel_name: 'project',
        message: { type: 'message', ts: '1800000000.000100', text: 'debrief' },
      },
    });
    expect(click.status).toBe(200);
    const debrief = await openedModal<Modal>(t.slack, n);
    expect(debrief.callback_id).toBe('retro_debrief_form');
    expect(JSON.stringify(debrief.blocks)).toContain('"initial_value":"Apollo"');
  });

  test.each([
    ['playbook', 'Which playbook?'],
    [
      'playbook nope',
      'There is no playbook “nope”. The playbooks are `alliance`, `project` (playbooks.json).',
    ],
    ['playbook project', "ends with a debrief on the project's end date"],
    ['playbook project 2026-12-01', '2026-12-01 at 14:00 has passed'],
    ['playbook project 31/03/2027', 'is not a date'],
    ['playbook alliance 2027-03-31', 'The alliance playbook has no end date'],
  ])('`/rituals %s` is refused: %s', async (text, refusal) => {
    const n = t.slack.callsTo('views.open').length;
    const reply = await command(text);
    expect(reply.text).toContain(refusal);
    expect(t.slack.callsTo('views.open').length).toBe(n);
    expect(await rituals()).toEqual([]);
  });

  test('a forged or stale confirmation sets nothing up and says so on the form', async () => {
    const answer = await setItUp({
      callback_id: 'playbook_confirm',
      private_metadata: '{"c":"C0X"}',
      blocks: [],
    });
    expect(answer.response_action).toBe('update');
    expect(JSON.stringify(answer.view?.blocks)).toContain('Nothing was set up. This form is out of date');
    expect(await rituals()).toEqual([]);
  });
});
