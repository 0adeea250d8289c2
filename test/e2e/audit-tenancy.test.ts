import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals';
import { exportRecords } from '../../src/export/records.js';
import { PARTNER_TEAM_ID } from '../../src/playground/workspace.js';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { install, OAUTH_ENV, registerApp } from '../helpers/oauth.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * The audit log's tenancy, with two organisations installed by OAuth: each workspace's admins see
 * their own workspace's entries and those of the channels it shares, never the other's own; the
 * export of one workspace holds the same.
 */
const ANA = 'U0ANALIMA1';
const ELI = 'U0ELICOHE1';
const SHARED = 'C0ALLIANCE';
const NORTH_ONLY = 'C0NORTHONE';
const GLOBEX_ONLY = 'C0GLOBEXON';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ env: OAUTH_ENV });
});
afterAll(() => t.close());
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  expect(t.logs.lines().filter((l) => Number(l.level) >= 50)).toEqual([]);
  await t.reset();
});

const command = async (command: string, text: string, user_id: string, channel_id: string) => {
  const res = await t.requests.command({ command, text, user_id, channel_id });
  expect(res.status).toBe(200);
  const body = await res.text();
  return (body === '' ? { text: '' } : JSON.parse(body)) as { text: string; blocks?: unknown[] };
};

test('each workspace sees its own entries and its shared channels’, never the other’s own', async () => {
  registerApp(t);
  t.slack.installedTeams.delete(TEAM_ID);
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin', is_admin: true });
  t.slack.addUser({ id: ELI, name: 'eli', tz: 'Europe/Berlin', is_admin: true, team_id: PARTNER_TEAM_ID });
  t.slack.addChannel({ id: SHARED, name: 'northwind-globex', teams: [TEAM_ID, PARTNER_TEAM_ID] });
  t.slack.addChannel({ id: NORTH_ONLY, name: 'northwind', teams: [TEAM_ID] });
  t.slack.addChannel({ id: GLOBEX_ONLY, name: 'globex', teams: [PARTNER_TEAM_ID] });
  t.slack.channelMembers.set(SHARED, [ANA, ELI]);
  t.slack.channelMembers.set(NORTH_ONLY, [ANA]);
  t.slack.channelMembers.set(GLOBEX_ONLY, [ELI]);
  expect((await install(t, { teamId: TEAM_ID, teamName: 'Northwind', userId: ANA })).status).toBe(200);
  expect((await install(t, { teamId: PARTNER_TEAM_ID, teamName: 'Globex', userId: ELI })).status).toBe(200);
  await t.app.background.drain();

  await command('/kudos', 'budget 5', ANA, NORTH_ONLY);
  await command('/kudos', 'budget 3', ELI, GLOBEX_ONLY);
  await command('/rituals', 'retro weekly fri 16:00 Europe/Berlin', ANA, SHARED);
  await command('/rituals', 'retro weekly mon 09:00 Europe/Berlin', ELI, GLOBEX_ONLY);
  await t.app.background.drain();

  const seenBy = async (user: string, channel: string) =>
    JSON.stringify((await command('/rapport', 'audit', user, channel)).blocks ?? []);
  const north = await seenBy(ANA, NORTH_ONLY);
  expect(north).toContain('set the daily kudos budget to 5');
  expect(north).toContain(`in <#${SHARED}>`);
  expect(north).not.toContain('budget to 3');
  expect(north).not.toContain(GLOBEX_ONLY);

  const globex = await seenBy(ELI, GLOBEX_ONLY);
  expect(globex).toContain('set the daily kudos budget to 3');
  expect(globex).toContain(`in <#${GLOBEX_ONLY}>`);
  // The shared channel's set is both organisations'.
  expect(globex).toContain(`in <#${SHARED}>`);
  expect(globex).not.toContain('budget to 5');

  // The same from the shared channel: still the asking workspace's view.
  expect(await seenBy(ELI, SHARED)).not.toContain('budget to 5');

  const exported: string[] = [];
  for await (const r of exportRecords(t.database.db, { teamId: TEAM_ID, since: undefined })) {
    if (r.type === 'audit') exported.push(`${String(r.team_id)} ${String(r.action)}`);
  }
  expect(exported.sort()).toEqual([`${SHARED} ritual.created`, `${TEAM_ID} kudos.budget`]);
});
