import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { exportRecords } from '../../src/export/records.js';
import { writeRecords } from '../../src/export/write-records.js';
import { PARTNER_TEAM_ID } from '../../src/playground/workspace.js';
import { install, OAUTH_ENV, registerApp } from '../helpers/oauth.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const GLOBEX = { teamId: PARTNER_TEAM_ID, teamName: 'Globex', userId: 'U0ELICOHE1' };
const DANA = 'U0DANAKOW1';
const ELI = 'U0ELICOHE1';
const SHARED = 'C0ALLIANCE';
const GLOBEX_KEY = `T:${PARTNER_TEAM_ID}`;

let t: TestApp;
/** Every answer Rapport gave over HTTP (commands, events, install pages), for the search for tokens. */
const answers: string[] = [];

beforeAll(async () => {
  // Debug logs: the most a deployment could print, all searched for tokens below.
  t = await startTestApp({ env: OAUTH_ENV, logLevel: 'debug' });
  t.slack.addUser({ id: DANA, name: 'dana', team_id: PARTNER_TEAM_ID });
  t.slack.addUser({ id: ELI, name: 'eli', team_id: PARTNER_TEAM_ID });
  // Globex's own channel: its installation sees it (conversations.info).
  t.slack.addChannel({ id: SHARED, name: 'alliance', teams: [PARTNER_TEAM_ID] });
});
afterAll(() => t.close());
afterEach(() => {
  expect(t.slack.unhandled).toEqual([]);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function kudos(text = `<@${ELI}|eli> for the partner review`) {
  const res = await t.requests.command({ team_id: PARTNER_TEAM_ID, user_id: DANA, channel_id: SHARED, text });
  answers.push(await res.text());
  return res;
}

const storedRow = async () => {
  const [row] = await t.database.db.query(
    `select bot_token, bot_refresh_token, bot_token_expires_at from slack_installations where install_key = $1`,
    [GLOBEX_KEY],
    z.object({
      bot_token: z.string().nullable(),
      bot_refresh_token: z.string().nullable(),
      bot_token_expires_at: z.date().nullable(),
    }),
  );
  return row;
};

const outboxRows = () =>
  t.database.db.query(
    'select team_id, dedupe_key, status, last_error from outbox where team_id = $1 order by id',
    [PARTNER_TEAM_ID],
    z.object({
      team_id: z.string(),
      dedupe_key: z.string(),
      status: z.string(),
      last_error: z.string().nullable(),
    }),
  );

describe('token rotation', () => {
  test('an expired token is refreshed (oauth.v2.access, grant_type=refresh_token) and the new one stored, sealed', async () => {
    registerApp(t, { tokenRotation: true, tokenLifetimeS: 2 });
    const done = await install(t, GLOBEX);
    answers.push(done.html);
    expect(done.status).toBe(200);
    const [first] = t.slack.installs.botTokensOf({ teamId: PARTNER_TEAM_ID });
    expect(first).toMatch(/^xoxe\.xoxb-/);
    const installed = await storedRow();
    expect(installed?.bot_refresh_token).toMatch(/^rk1:/);
    expect(installed?.bot_token_expires_at?.getTime()).toBeGreaterThan(Date.now());

    await sleep(2_100);
    // Slack no longer takes the first token.
    expect(t.slack.installs.refusalOf(first as string)).toBe('token_expired');
    t.slack.resetCalls();
    expect((await kudos()).status).toBe(200);
    await t.slack.waitFor(() => t.slack.callsTo('chat.postMessage').length > 0);

    const refreshes = t.slack.callsTo('oauth.v2.access');
    expect(refreshes.length).toBeGreaterThan(0);
    expect(refreshes.every((c) => c.args.grant_type === 'refresh_token')).toBe(true);
    const used = new Set(t.slack.calls.filter((c) => c.method !== 'oauth.v2.access').map((c) => c.token));
    expect(used.has(first)).toBe(false);
    for (const token of used) expect(t.slack.installs.tokens.get(token as string)?.kind).toBe('bot');
    expect(t.slack.refusals).toEqual([]);

    const refreshed = await storedRow();
    expect(refreshed?.bot_token).toMatch(/^rk1:/);
    expect(refreshed?.bot_token).not.toBe(installed?.bot_token);
    const fetched = await t.app.installationStore?.fetchInstallation({
      teamId: PARTNER_TEAM_ID,
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(used.has(fetched?.bot?.token)).toBe(true);
  });
});

describe('uninstall', () => {
  test('app_uninstalled deletes the installation at once; later work for that workspace makes no call', async () => {
    registerApp(t);
    expect((await install(t, GLOBEX)).status).toBe(200);
    const [token] = t.slack.installs.botTokensOf({ teamId: PARTNER_TEAM_ID }).slice(-1);
    expect(await t.app.botTokens.botTokenFor(PARTNER_TEAM_ID)).toBe(token);

    // Slack revokes the tokens, then tells the app.
    t.slack.uninstall(PARTNER_TEAM_ID);
    const res = await t.requests.event({ type: 'app_uninstalled' }, { team_id: PARTNER_TEAM_ID });
    answers.push(await res.text());
    expect(res.status).toBe(200);
    expect(await storedRow()).toBeUndefined();
    expect(await t.app.botTokens.botTokenFor(PARTNER_TEAM_ID)).toBeUndefined();

    t.slack.resetCalls();
    await t.app.outbox.say([
      {
        teamId: PARTNER_TEAM_ID,
        dedupeKey: 'after-uninstall',
        channelId: SHARED,
        view: 'reply',
        data: { text: 'hi' },
      },
    ]);
    await t.app.jobs.deliver();
    expect((await outboxRows()).filter((row) => row.dedupe_key === 'after-uninstall')).toEqual([
      expect.objectContaining({
        dedupe_key: 'after-uninstall',
        status: 'failed',
        last_error: 'not_installed',
      }),
    ]);
    // A command from that workspace still in flight when it uninstalled is answered (Slack does
    // not retry) and does nothing. Slack sends no new ones, so it is posted as it was signed.
    const late = t.requests.commandBody({
      command: '/kudos',
      team_id: PARTNER_TEAM_ID,
      user_id: DANA,
      channel_id: SHARED,
      text: `<@${ELI}|eli> for the partner review`,
    });
    const answered = await t.requests.post(late, 'application/x-www-form-urlencoded');
    answers.push(await answered.text());
    expect(answered.status).toBe(200);
    await t.app.background.drain();
    expect(t.slack.calls).toEqual([]);
  });

  test('tokens_revoked for the bot deletes the installation; for a person only, the bot’s token stays', async () => {
    registerApp(t);
    expect((await install(t, GLOBEX)).status).toBe(200);
    const bot = t.slack.installs.tokens.get(
      t.slack.installs.botTokensOf({ teamId: PARTNER_TEAM_ID }).at(-1) as string,
    );
    const revoked = (tokens: { oauth?: string[]; bot?: string[] }) =>
      t.requests.event({ type: 'tokens_revoked', tokens }, { team_id: PARTNER_TEAM_ID });

    expect((await revoked({ oauth: [GLOBEX.userId] })).status).toBe(200);
    expect(await storedRow()).toBeDefined();
    expect((await revoked({ bot: [bot?.botUserId as string] })).status).toBe(200);
    expect(await storedRow()).toBeUndefined();
    expect(await t.app.botTokens.botTokenFor(PARTNER_TEAM_ID)).toBeUndefined();
  });
});

describe('no token in plain text anywhere', () => {
  test('not in the logs, an export, what Slack was sent, nor any text column of the database', async () => {
    registerApp(t, { tokenRotation: true, tokenLifetimeS: 3_600 });
    expect((await install(t, GLOBEX)).status).toBe(200);
    expect((await kudos()).status).toBe(200);
    // An error reply too: Slack fails the person lookup.
    t.slack.failNext('users.info', 'fatal_error');
    await kudos(`<@U0NEWPERS1|new> for the migration`);
    await t.slack.waitFor(() => t.slack.callsTo('chat.postMessage').length > 0);
    await t.app.background.drain();

    const tokens = [...t.slack.installs.tokens.keys()];
    expect(tokens.some((token) => token.startsWith('xoxe-'))).toBe(true);
    expect(tokens.filter((token) => token.includes('xoxb-')).length).toBeGreaterThan(1);

    // 1. Every log line.
    const logs = t.logs.raw.join('');
    expect(logs.length).toBeGreaterThan(0);
    // 2. The export, in both formats.
    const exported: string[] = [];
    for (const format of ['jsonl', 'csv'] as const) {
      const out = new Writable({
        write(chunk, _encoding, next) {
          exported.push(String(chunk));
          next();
        },
      });
      await writeRecords(exportRecords(t.database.db, { teamId: undefined, since: undefined }), format, out);
    }
    expect(exported.join('')).toContain(PARTNER_TEAM_ID);
    // 3. Everything Slack received from Rapport (but the refresh token oauth.v2.access must be
    //    given), and every HTTP answer Rapport gave.
    const sent = JSON.stringify([
      t.slack.calls.map((c) =>
        c.method === 'oauth.v2.access' ? { ...c.args, refresh_token: undefined } : c.args,
      ),
      t.slack.responseUrlPosts,
      t.slack.ephemerals,
      [...t.slack.conversations],
      answers,
    ]);
    expect(sent).toContain('Something went wrong');
    // 4. Every text, json and array column of every table.
    const dump = await databaseText();
    expect(dump).toContain('rk1:');

    for (const [where, text] of Object.entries({ logs, export: exported.join(''), sent, dump })) {
      const found = tokens.filter((token) => text.includes(token));
      expect({ where, found }).toEqual({ where, found: [] });
    }
  });
});

/** Every value of every text-like column (text, varchar, json, jsonb, arrays) of every table. */
async function databaseText(): Promise<string> {
  const columns = await t.database.db.query(
    `select table_name, column_name from information_schema.columns
     where table_schema = 'public' and data_type in ('text', 'character varying', 'json', 'jsonb', 'ARRAY')`,
    [],
    z.object({ table_name: z.string(), column_name: z.string() }),
  );
  expect(columns.length).toBeGreaterThan(20);
  const parts: string[] = [];
  for (const { table_name, column_name } of columns) {
    const rows = await t.database.db.query(
      `select "${column_name}"::text as value from "${table_name}" where "${column_name}" is not null`,
      [],
      z.object({ value: z.string() }),
    );
    parts.push(...rows.map((r) => r.value));
  }
  return parts.join('\n');
}
