import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { BOT_TOKEN, FakeSlack } from '../helpers/fake-slack.js';
import { RapportProcess, runTool } from '../helpers/rapport-process.js';
import { SIGNING_SECRET, SlackRequests } from '../helpers/slack-request.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';

let slack: FakeSlack;
let dataDir: string;
let env: Record<string, string>;
/** With TEST_DATABASE_URL, the bot gets a fresh database on that server; otherwise the embedded engine. */
let serverDatabase: TestDatabase | undefined;

beforeAll(async () => {
  slack = await FakeSlack.start();
  slack.addUser({ id: ANA, name: 'ana' });
  slack.addUser({ id: BEN, name: 'ben' });
  dataDir = await mkdtemp(join(tmpdir(), 'rapport-lifecycle-'));
  serverDatabase = process.env.TEST_DATABASE_URL ? await createTestDatabase() : undefined;
  env = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    DATA_DIR: dataDir,
    ...(serverDatabase ? { DATABASE_URL: serverDatabase.url } : {}),
  };
});
afterAll(async () => {
  await slack.stop();
  await serverDatabase?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the bot as `npm start` runs it', () => {
  test('serves, finishes in-flight requests on SIGTERM, and keeps its data across a restart', async () => {
    const first = RapportProcess.start('main.js', env);
    const url = await first.running();
    // The start-up split: loading, the database's open and its migrations apart, the app, listening.
    const started = first.logLines().find((l) => l.msg === 'Rapport is running')?.startup as
      Record<string, number> | undefined;
    expect(Object.keys(started ?? {}).sort()).toEqual(
      ['appMs', 'databaseOpenMs', 'listenMs', 'loadMs', 'migrationsMs', 'sinceProcessStartMs'].sort(),
    );
    expect(Object.values(started ?? {}).every((ms) => Number.isInteger(ms) && ms >= 0)).toBe(true);
    const requests = new SlackRequests(url, slack);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    // A slow Slack keeps this command in flight while the signal arrives.
    slack.slowDown(800);
    const inFlight = requests.command({ text: `<@${BEN}|ben> for the release notes`, user_id: ANA });
    await new Promise((r) => setTimeout(r, 200));
    first.child.kill('SIGTERM');
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(first.logLines().map((l) => l.msg)).toEqual(expect.arrayContaining(['stopped']));
    // The announcement, sent after the acknowledgement, was finished before exit. (BEN's DM goes
    // through the outbox, before exit or after the restart.)
    expect(slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0GENERAL')).toHaveLength(1);
    slack.slowDown(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();

    const second = RapportProcess.start('main.js', env);
    const url2 = await second.running();
    const mine = await new SlackRequests(url2, slack).command({
      text: 'mine',
      user_id: BEN,
    });
    expect(JSON.stringify(await mine.json())).toContain('*Received:* 1 in the last 30 days, 1 in all.');

    const exported = await runTool('cli/export.js', env, ['--format', 'jsonl']);
    expect(exported.code).toBe(0);
    const lines = exported.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        type: 'kudos',
        team_id: 'T0RAPPORT1',
        giver_id: ANA,
        giver_team_id: 'T0RAPPORT1',
        receiver_id: BEN,
        receiver_team_id: 'T0RAPPORT1',
        channel_id: 'C0GENERAL',
        message_ts: null,
        reason: 'for the release notes',
        source: 'command',
        emoji: null,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
    ]);
    // BEN's DM about the kudos went out once, whichever process sent it.
    const dms = () => slack.callsTo('chat.postMessage').filter((c) => c.args.channel === BEN);
    await slack.waitFor(() => dms().length > 0, 5_000);
    expect(dms()).toHaveLength(1);
    expect(await second.stop()).toEqual({ code: 0, signal: null });
  });

  test('the request log has one line per Slack request', async () => {
    const bot = RapportProcess.start('main.js', env);
    const url = await bot.running();
    await new SlackRequests(url, slack).command({ text: 'help', user_id: ANA });
    await bot.stop();
    const requests = bot.logLines().filter((l) => l.msg === 'slack request');
    expect(requests).toEqual([
      expect.objectContaining({ type: 'command:/kudos', status: 200, outcome: 'ok' }),
    ]);
  });

  test('a bot token Slack rejects stops start-up with a clear message', async () => {
    const result = await runTool('main.js', { ...env, SLACK_BOT_TOKEN: 'xoxb-revoked-token-000' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /^Rapport could not start: Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
