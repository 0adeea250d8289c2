import { afterAll, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ANA = 'U0ANA00001';
const TEAM = 'T0RAPPORT1';

let t: TestApp;
let logged = 0;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.reset();
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
  logged = t.logs.raw.length;
});

const stored = async (userId: string) =>
  (
    await t.database.db.query(
      'select tz, is_deleted, is_bot, is_admin, display_name from slack_users where team_id = $1 and user_id = $2',
      [TEAM, userId],
      z.object({
        tz: z.string().nullable(),
        is_deleted: z.boolean(),
        is_bot: z.boolean(),
        is_admin: z.boolean(),
        display_name: z.string(),
      }),
    )
  )[0];

const userChange = (user: Record<string, unknown>) =>
  t.requests.event({ type: 'user_change', user: { team_id: TEAM, ...user }, cache_ts: 1_700_000_000 });

type View = { blocks: { text?: { text: string }; elements?: { text?: string }[] }[] };

async function openHome(user: string): Promise<string> {
  const before = t.slack.callsTo('views.publish').length;
  const res = await t.requests.event({ type: 'app_home_opened', user, channel: `D${user}`, tab: 'home' });
  expect(res.status).toBe(200);
  await t.app.background.drain();
  const call = await t.slack.waitFor(() => t.slack.callsTo('views.publish')[before]);
  return (call.args.view as View).blocks
    .flatMap((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text ?? '')])
    .join('\n');
}

test('a profile with an unknown zone and flags that are not booleans keeps what was known; the Home tab opens', async () => {
  expect((await userChange({ id: ANA, name: 'ana', tz: 'Europe/Berlin', is_admin: true })).status).toBe(200);
  expect(
    (
      await userChange({
        id: ANA,
        name: 'ana',
        real_name: 'Ana Lima',
        tz: 'Mars/Olympus',
        deleted: 'yes',
        is_bot: 'no',
        is_admin: 1,
      })
    ).status,
  ).toBe(200);
  expect(await stored(ANA)).toEqual({
    tz: 'Europe/Berlin',
    is_deleted: false,
    is_bot: false,
    is_admin: true,
    display_name: 'Ana Lima',
  });
  const warning = t.logs
    .lines()
    .slice(logged)
    .find((l) => l.msg === 'fields of a Slack profile were not kept');
  expect(warning?.doubtful).toEqual([
    { field: 'is_admin', reason: 'is not a boolean' },
    { field: 'tz', reason: 'is not a time zone the IANA database knows' },
    { field: 'is_bot', reason: 'is not a boolean' },
    { field: 'deleted', reason: 'is not a boolean' },
  ]);
  const home = await openHome(ANA);
  expect(home).toContain('*Time zone:* Europe/Berlin');
  expect(home).not.toContain('could not read');
});

test('a real change still counts: a new zone, and a deactivation', async () => {
  expect((await userChange({ id: ANA, name: 'ana', tz: 'Asia/Tokyo', deleted: true })).status).toBe(200);
  expect(await stored(ANA)).toMatchObject({ tz: 'Asia/Tokyo', is_deleted: true });
});

test('a zone stored before zones were checked does not break the Home tab', async () => {
  // Someone of their own, whom the app has not met before this test (no profile in memory).
  const ZED = 'U0ZED00009';
  t.slack.addUser({ id: ZED, name: 'zed', tz: 'Mars/Olympus' });
  await t.database.db.execute(
    `insert into slack_users (team_id, user_id, home_team_id, display_name, is_bot, is_deleted, is_admin, tz, fetched_at)
     values ($1, $2, $1, 'zed', false, false, false, 'Mars/Olympus', $3)`,
    [TEAM, ZED, t.clock.now()],
  );
  const home = await openHome(ZED);
  expect(home).toContain('Recognition');
  expect(home).toContain('*Time zone:* UTC');
  expect(home).not.toContain('could not read');
});

test('when one part cannot be read, the Home tab shows the rest and says which', async () => {
  const NEWCOMER = 'U0NEWCOME1';
  t.slack.addUser({ id: NEWCOMER, name: 'newcomer', tz: 'Europe/Paris' });
  // Slack fails to describe them once: their zone cannot be read; their kudos and settings can.
  t.slack.failNext('users.info', 'internal_error');
  const home = await openHome(NEWCOMER);
  expect(home).toContain(
    ':warning: Rapport could not read your time zone just now; everything else here is up to date.',
  );
  expect(home).toContain('Recognition');
  expect(home).toContain('*Time zone:* not known just now.');
});
