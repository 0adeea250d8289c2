import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { z } from 'zod';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { reactionEvent } from '../helpers/slack-request.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ANA = 'U0ANA00001';
const GUS = 'W0GUS00007';
const CHANNEL = 'C0NWGLOBEX';
const GLOBEX = 'T0GLOBEX01';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  t.slack.teams.set(TEAM_ID, 'Northwind');
  t.slack.teams.set(GLOBEX, 'Globex');
});
afterAll(async () => {
  t.slack.teams.set(TEAM_ID, t.slack.teamName);
  t.slack.teams.delete(GLOBEX);
  await t.close();
});
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: GUS, name: 'gus', tz: 'America/New_York', team_id: GLOBEX });
  t.slack.channelMembers.set(CHANNEL, [ANA, GUS]);
  t.clock.set('2026-11-20T10:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Reply = { text: string; blocks: { text?: { text: string } }[] };
async function command(name: string, text: string, user_id = ANA): Promise<Reply> {
  t.clock.advance(1_000);
  const res = await t.requests.command({ command: name, text, user_id, channel_id: CHANNEL });
  expect(res.status).toBe(200);
  const body = await res.text();
  await t.app.background.drain();
  return (body ? JSON.parse(body) : {}) as Reply;
}
const textOf = (reply: Reply) => reply.blocks.map((b) => b.text?.text ?? '').join('\n');
const teamInfoCalls = () => t.slack.callsTo('team.info').map((c) => c.args.team ?? '(own)');
const kudosBothWays = async () => {
  await command('/kudos', `<@${GUS}|gus> for the API review`, ANA);
  // Globex has not installed Rapport, so Gus thanks with a kudos emoji rather than a command.
  const res = await t.requests.event(
    reactionEvent({ channel: CHANNEL, user: GUS, item_user: ANA, reaction: 'clap', ts: '1795168800.000100' }),
  );
  expect(res.status).toBe(200);
};
const stored = () =>
  t.database.db.query(
    'select named_team_id, name from team_names where team_id = $1 order by named_team_id',
    [TEAM_ID],
    z.object({ named_team_id: z.string(), name: z.string().nullable() }),
  );

test('/health and the digest call each side by its workspace’s name, asked of team.info once a day', async () => {
  await kudosBothWays();
  const card = textOf(await command('/health', ''));
  expect(card).toContain('Kudos reciprocity between Globex and Northwind');
  expect(teamInfoCalls().sort()).toEqual(['(own)', GLOBEX]);
  expect(await stored()).toEqual([
    { named_team_id: GLOBEX, name: 'Globex' },
    { named_team_id: TEAM_ID, name: 'Northwind' },
  ]);

  // The digest and its chart: the names, from the names kept; team.info is not asked again today.
  await command('/health', 'post');
  await t.app.background.drain();
  for (let pass = 0; pass < 3; pass += 1) {
    t.clock.advance(1_000);
    await t.app.jobs.deliver();
  }
  const digest = t.slack
    .callsTo('chat.postMessage')
    .find((c) => String(c.args.text).startsWith('Alliance health'));
  expect(JSON.stringify(digest?.args.blocks)).toContain('Kudos reciprocity between Globex and Northwind');
  const [chart] = [...t.slack.files.values()].filter((f) => f.channel === CHANNEL);
  expect(chart?.altText).toContain(
    'Kudos between sides this week: Globex to Northwind: 1; Northwind to Globex: 1.',
  );
  expect(chart?.altText).not.toContain('T0');
  expect(teamInfoCalls()).toHaveLength(2);

  // A day later a name may have changed: asked again.
  t.slack.teams.set(GLOBEX, 'Globex Corporation');
  t.clock.advance(25 * 60 * 60 * 1000);
  expect(textOf(await command('/health', ''))).toContain('between Globex Corporation and Northwind');
  expect(teamInfoCalls()).toHaveLength(4);
  t.slack.teams.set(GLOBEX, 'Globex');
});

test('without team:read, or a workspace Slack will not show, the sides are named plainly, and asked again a day later', async () => {
  await kudosBothWays();
  // Installed before Rapport asked for team:read: Slack refuses both.
  t.slack.failNext('team.info', 'missing_scope', 'missing_scope');
  const card = textOf(await command('/health', ''));
  expect(card).toContain('Kudos reciprocity between Partner workspace (T0GLOBEX01) and This workspace');
  expect(await stored()).toEqual([
    { named_team_id: GLOBEX, name: null },
    { named_team_id: TEAM_ID, name: null },
  ]);
  // Not asked again the same day.
  await command('/health', '');
  expect(teamInfoCalls()).toHaveLength(2);
  // The scope granted, a day later: the names.
  t.clock.advance(25 * 60 * 60 * 1000);
  expect(textOf(await command('/health', ''))).toContain('between Globex and Northwind');
});
