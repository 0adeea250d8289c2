import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals';
import { z } from 'zod';
import { PARTNER_TEAM_ID } from '../../src/playground/workspace.js';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { install, OAUTH_ENV, registerApp } from '../helpers/oauth.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * An alliance where both organisations install Rapport by OAuth: Northwind first, then Globex.
 * One shared channel, one record set; each message goes out with an installation's own token; if
 * Globex uninstalls, Northwind's installation carries the channel on, and the channel is told once.
 */
const NORTHWIND = { teamId: TEAM_ID, teamName: 'Northwind', userId: 'U0ANALIMA1' };
const GLOBEX = { teamId: PARTNER_TEAM_ID, teamName: 'Globex', userId: 'U0ELICOHE1' };
const ANA = 'U0ANALIMA1';
const DANA = 'U0DANAKOW1';
const SHARED = 'C0ALLIANCE';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ env: OAUTH_ENV });
});
afterAll(() => t.close());
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

const kudosRows = () =>
  t.database.db.query(
    'select team_id, giver_id, receiver_id from kudos order by id',
    [],
    z.object({ team_id: z.string(), giver_id: z.string(), receiver_id: z.string() }),
  );
const tokenOf = (teamId: string) => t.slack.installs.botTokensOf({ teamId }).at(-1);
const postsIn = (channel: string) =>
  t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
async function deliver() {
  for (let i = 0; i < 3; i += 1) {
    t.clock.advance(2_000);
    await t.app.jobs.deliver();
  }
}

test('a partner’s commands before and after its install, on one record, each message with an installation’s token', async () => {
  registerApp(t);
  t.slack.installedTeams.delete(TEAM_ID);
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: DANA, name: 'dana', team_id: PARTNER_TEAM_ID });
  t.slack.addChannel({ id: SHARED, name: 'northwind-globex', teams: [TEAM_ID, PARTNER_TEAM_ID] });
  t.slack.channelMembers.set(SHARED, [ANA, DANA]);
  t.slack.teams.set(PARTNER_TEAM_ID, 'Globex');
  expect((await install(t, NORTHWIND)).status).toBe(200);
  await t.app.background.drain();

  // Before Globex installs: Slack answers Dana's command itself; the app never sees it.
  const before = await t.requests.slashCommand({
    command: '/kudos',
    text: `<@${ANA}|ana> for the load tests`,
    user_id: DANA,
    channel_id: SHARED,
  });
  expect(before.delivered).toBe(false);

  // The first ritual in the channel tells it what Globex's people can do, and where to install.
  const created = await t.requests.command({
    command: '/rituals',
    text: 'standup mon-fri 09:30 local',
    user_id: ANA,
    channel_id: SHARED,
  });
  expect(created.status).toBe(200);
  await t.app.background.drain();
  await deliver();
  const [notice, ...more] = postsIn(SHARED).filter((c) => String(c.args.text).startsWith(':handshake:'));
  expect(more).toEqual([]);
  expect(notice?.args.text).toContain('an admin of *Globex* can install Rapport');
  expect(notice?.token).toBe(tokenOf(TEAM_ID));

  // Globex installs: Dana's command now reaches the app, through Globex's installation.
  expect((await install(t, GLOBEX)).status).toBe(200);
  const after = await t.requests.command({
    command: '/kudos',
    text: `<@${ANA}|ana> for the load tests`,
    user_id: DANA,
    channel_id: SHARED,
  });
  expect(after.status).toBe(200);
  const back = await t.requests.command({
    command: '/kudos',
    text: `<@${DANA}|dana> for the review`,
    user_id: ANA,
    channel_id: SHARED,
  });
  expect(back.status).toBe(200);
  await t.app.background.drain();
  expect(await kudosRows()).toEqual([
    { team_id: SHARED, giver_id: DANA, receiver_id: ANA },
    { team_id: SHARED, giver_id: ANA, receiver_id: DANA },
  ]);

  // Posts in the channel go out with the host's installation (so each is edited by the bot that
  // posted it); Dana's DM with her own organisation's.
  await deliver();
  const announcements = postsIn(SHARED);
  expect(announcements.length).toBeGreaterThanOrEqual(2);
  expect(new Set(announcements.map((c) => c.token))).toEqual(new Set([tokenOf(TEAM_ID)]));
  const [toDana] = postsIn(DANA);
  expect(toDana?.token).toBe(tokenOf(PARTNER_TEAM_ID));

  // Globex uninstalls: the channel is told once, through Northwind's installation, which carries on.
  t.slack.resetCalls();
  t.slack.uninstall(PARTNER_TEAM_ID);
  const uninstalled = t.requests.eventBody(
    { type: 'app_uninstalled' },
    { team_id: PARTNER_TEAM_ID, event_id: 'Ev0UNINSTALL' },
  );
  for (let i = 0; i < 2; i += 1) {
    expect((await t.requests.post(uninstalled, 'application/json')).status).toBe(200);
  }
  await deliver();
  const gone = postsIn(SHARED).filter((c) => String(c.args.text).startsWith(':wave:'));
  expect(gone).toHaveLength(1);
  expect(gone[0]?.args.text).toContain('*Globex* removed Rapport');
  expect(gone[0]?.token).toBe(tokenOf(TEAM_ID));

  const again = await t.requests.command({
    command: '/kudos',
    text: `<@${DANA}|dana> for staying`,
    user_id: ANA,
    channel_id: SHARED,
  });
  expect(again.status).toBe(200);
  await t.app.background.drain();
  await deliver();
  const [laterDm] = postsIn(DANA);
  expect(laterDm?.token).toBe(tokenOf(TEAM_ID));
});

test('coffee pairs across the two installations: where Slack refuses their group DM, each member hears it from their own workspace’s bot', async () => {
  registerApp(t);
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: DANA, name: 'dana', team_id: PARTNER_TEAM_ID, tz: 'Europe/Warsaw' });
  t.slack.addChannel({ id: SHARED, name: 'northwind-globex', teams: [TEAM_ID, PARTNER_TEAM_ID] });
  t.slack.channelMembers.set(SHARED, [ANA, DANA]);
  t.slack.teams.set(PARTNER_TEAM_ID, 'Globex');
  expect((await install(t, NORTHWIND)).status).toBe(200);
  expect((await install(t, GLOBEX)).status).toBe(200);
  await t.app.background.drain();
  t.clock.set('2026-12-10T12:00:00Z');
  const created = await t.requests.command({
    command: '/rituals',
    text: 'pairs weekly mon 10:00 Europe/Berlin',
    user_id: ANA,
    channel_id: SHARED,
  });
  expect(created.status).toBe(200);
  await t.app.background.drain();
  await deliver();
  for (const [user, team] of [
    [ANA, TEAM_ID],
    [DANA, PARTNER_TEAM_ID],
  ] as const) {
    const joined = await t.requests.blockAction({
      user_id: user,
      team_id: team,
      action_id: 'pairs_join',
      value: SHARED,
      channel_id: SHARED,
    });
    expect(joined.status).toBe(200);
  }
  await t.app.background.drain();
  // Dana left the channel before the round: Slack opens no group DM across the organisations.
  t.slack.channelMembers.set(SHARED, [ANA]);
  t.clock.set('2026-12-14T09:00:00Z');
  await t.app.jobs.tick();
  await deliver();
  expect(t.slack.refusals).toContainEqual({
    method: 'conversations.open',
    error: 'invalid_user_combination',
  });
  const intro = (user: string) => postsIn(user).filter((c) => String(c.args.text).startsWith('Coffee pairs'));
  expect(intro(ANA).map((c) => c.token)).toEqual([tokenOf(TEAM_ID)]);
  expect(intro(DANA).map((c) => c.token)).toEqual([tokenOf(PARTNER_TEAM_ID)]);
});
