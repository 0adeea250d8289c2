import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { openedModal } from '../helpers/modals.js';
import { reactionEvent } from '../helpers/slack-request.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ANA = 'U0ANA00001';
const BEN = 'W0BEN00002';
const CY = 'U0CY000003';
const CHANNEL = 'C0ALLIANCE';
const PARTNER = 'T0PARTNER9';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  // Ben belongs to the partner organisation, in this Slack Connect channel; it has not installed
  // Rapport, so Ben reacts and clicks but cannot type its commands.
  t.slack.addUser({ id: BEN, name: 'ben', tz: 'America/New_York', team_id: PARTNER });
  t.slack.addUser({ id: CY, name: 'cy', tz: 'Europe/Berlin' });
  t.slack.addChannel({ id: CHANNEL, name: 'alliance', teams: [TEAM_ID, PARTNER] });
  t.slack.channelMembers.set(CHANNEL, [ANA, BEN, CY]);
  t.clock.set('2026-11-20T10:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Reply = { response_type: string; text: string; blocks: { type: string; text?: { text: string } }[] };

async function command(name: string, text: string, user_id = ANA): Promise<Reply> {
  t.clock.advance(1_000);
  const res = await t.requests.command({ command: name, text, user_id, channel_id: CHANNEL });
  expect(res.status).toBe(200);
  const body = await res.text();
  await t.app.background.drain();
  return (body ? JSON.parse(body) : {}) as Reply;
}

const textOf = (reply: Reply) => reply.blocks.map((b) => b.text?.text ?? '').join('\n');

describe('/health', () => {
  test('in a channel with nothing recorded, every number says "no data", only to the one who asked', async () => {
    const reply = await command('/health', '');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toBe('Health score for this channel: no data');
    const text = textOf(reply);
    expect(text).toContain('*Health score:* _no data_');
    expect(text).toContain('*Collaboration quality:* _no data_');
    expect(text).toContain('• _no data_ Check-in participation: 0 of 0');
    // No coffee pairs: the line says what would start them.
    expect(text).toContain(
      '• _no data_ Connections across sides: off (`/rituals pairs weekly mon 10:00` introduces people across the sides)',
    );
    // No escalation settled: the line says so, no figure.
    expect(text).toContain(
      "• _no data_ Escalations resolved in time: none resolved or past their last level's target this week",
    );
    expect(text).not.toMatch(/\*0\*/);
  });

  test('kudos and credits between two organisations show recognition, reciprocity and value', async () => {
    await command('/kudos', `<@${BEN}|ben> for the API review`, ANA);
    await command('/kudos', `<@${CY}|cy> for the test plan`, ANA);
    // Ben thanks Ana with :clap: on her message: a reaction kudos.
    const answers = t.slack.postAsUser(CHANNEL, ANA, 'Here are the answers');
    await t.requests.event(
      reactionEvent({ user: BEN, item_user: ANA, channel: CHANNEL, ts: answers.ts, reaction: 'clap' }),
    );
    await t.app.background.drain();
    await command('/credit', `<@${BEN}|ben> <@${CY}|cy> for the integration: built it`, ANA);

    const reply = await command('/health', '');
    const text = textOf(reply);
    // Ana, Ben and Cy are active; each received kudos.
    expect(text).toContain('• *100* Recognition breadth: 3 of 3 active members received kudos');
    // Ana's side gave Ben's side 1 kudos and got 1 back: balanced. Slack won't name Ben's workspace
    // to this one (team.info refuses), so it is called what it is.
    // In plain words: the formulas are in "About these numbers", not in the scorecard's lines.
    expect(text).toContain(
      "• *100* Kudos reciprocity between Partner workspace (T0PARTNER9) and Rapport Playground: kudos each way, the quieter direction's count relative to the busier one's (1 = balanced)",
    );
    expect(text).toContain(
      'Recognition fairness: how evenly kudos are spread across active members (1 = everyone received equally)',
    );
    expect(text).not.toMatch(/÷|Gini/);
    // Of 3 kudos, 2 crossed between the organisations.
    expect(text).toContain('• *67* Cross-side kudos');
    expect(text).toContain('• *0* Credits: 1 deliverables credited; 0 of 2 contributors confirmed');
    expect(text).toMatch(/\*Health score:\* \*\d+\* \/ 100/);
    for (const block of reply.blocks) expect((block.text?.text ?? '').length).toBeLessThanOrEqual(3000);
  });

  test('a blocker raised at the morning stand-up counts in /health the same day', async () => {
    t.clock.set('2026-11-20T07:00:00Z'); // Friday, 08:00 in Berlin
    await command('/rituals', 'standup mon-fri 09:30 local');
    t.clock.set('2026-11-20T08:30:05Z');
    await t.app.jobs.tick();
    await t.app.jobs.deliver();
    const prompt = t.slack.callsTo('chat.postMessage').find((c) => c.args.channel === ANA);
    const buttons = (prompt?.args.blocks as { type: string; elements?: { value: string }[] }[]).find(
      (b) => b.type === 'actions',
    )?.elements;
    await t.requests.blockAction({
      user_id: ANA,
      action_id: 'standup_answer',
      value: buttons?.[0]?.value ?? '',
    });
    const view = await openedModal<{ private_metadata: string }>(t.slack);
    const answers = ['Shipped the export', 'Retro notes', 'Waiting on the API key from IT'];
    await t.requests.viewSubmission({
      user_id: ANA,
      callback_id: 'standup_checkin',
      private_metadata: view.private_metadata,
      values: Object.fromEntries(
        answers.map((a, i) => [`question_${i}`, { answer: { type: 'plain_text_input', value: a } }]),
      ),
    });
    await t.app.background.drain();
    expect(t.slack.callsTo('chat.postMessage').map((c) => c.args.text)).toContain(
      `<@${ANA}> checked in · :warning: raised a blocker`,
    );

    t.clock.set('2026-11-20T12:00:00Z');
    const text = textOf(await command('/health', ''));
    expect(text).toContain('Check-in participation: 1 of 3 prompted days answered');
    expect(text).toContain('Blockers: 1 raised; 1 open in the week, for 0.0 days on average');
  });

  test('help, and anything else, say what /health does and change nothing', async () => {
    expect((await command('/health', 'help')).text).toMatch(/^\*`\/health`\* shows, only to you/);
    const odd = await command('/health', 'x'.repeat(5000));
    expect(odd.text).toMatch(/^I don't know `\/health x{50}…`/);
    expect(odd.text.length).toBeLessThan(1000);
  });
});
