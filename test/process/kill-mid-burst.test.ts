import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { signatureHeaders } from '../../src/slack-emulator/index.js';
import { BOT_TOKEN, FakeSlack } from '../helpers/fake-slack.js';
import { RapportProcess, runTool } from '../helpers/rapport-process.js';
import { reactionEvent, SIGNING_SECRET, SlackRequests } from '../helpers/slack-request.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * `kill -9` in the middle of a burst, as a crash or an OOM kill would, then Slack's retries: every
 * request that got no 200 is sent again once the app is back (events with the same event_id and
 * Slack's retry headers; commands as they were). Nothing acknowledged is lost, nothing is doubled.
 */
const PEOPLE = Array.from({ length: 12 }, (_, i) => `U0KILL${String(i).padStart(4, '0')}`);
const REACTIONS = 300;
const COMMANDS = 30;
const IN_FLIGHT = 16;
/** The app is killed once this many requests have been answered. */
const KILL_AFTER = 120;

let slack: FakeSlack;
let dataDir: string;
let env: Record<string, string>;
let serverDatabase: TestDatabase | undefined;

beforeAll(async () => {
  slack = await FakeSlack.start();
  for (const id of PEOPLE) slack.addUser({ id, name: id.toLowerCase() });
  dataDir = await mkdtemp(join(tmpdir(), 'rapport-kill-'));
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

type Sent = { body: string; contentType: string; acknowledged: boolean };

/** Sends every request, IN_FLIGHT at a time; `afterEach` runs after each answer (or failure). */
async function burst(url: string, requests: Sent[], afterEach: (answered: number) => void) {
  let next = 0;
  let answered = 0;
  const sender = async () => {
    while (next < requests.length) {
      const request = requests[next] as Sent;
      next += 1;
      const res = await fetch(`${url}/slack/events`, signedPost(request)).catch(() => undefined);
      request.acknowledged = res?.status === 200;
      await res?.arrayBuffer().catch(() => undefined);
      answered += 1;
      afterEach(answered);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
}

/** The request signed now, as Slack signs each delivery (a retry is signed anew). */
function signedPost(request: Sent, retry = false): RequestInit {
  const headers = { 'content-type': request.contentType, ...signatureHeaders(SIGNING_SECRET, request.body) };
  return {
    method: 'POST',
    headers: retry ? { ...headers, 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } : headers,
    body: request.body,
  };
}

async function kudosExported(): Promise<
  { source: string; reason: string | null; message_ts: string | null }[]
> {
  const exported = await runTool('cli/export.js', env, ['--format', 'jsonl']);
  expect(exported.code).toBe(0);
  return exported.stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map(
      (l) =>
        JSON.parse(l) as { type: string; source: string; reason: string | null; message_ts: string | null },
    )
    .filter((r) => r.type === 'kudos');
}

test(`killed mid-burst (${String(REACTIONS)} reactions, ${String(COMMANDS)} commands), then Slack's retries: every kudos once`, async () => {
  const first = RapportProcess.start('main.js', env);
  const url = await first.running();
  const signer = new SlackRequests(url, slack);
  const reactions: Sent[] = Array.from({ length: REACTIONS }, (_, i) => ({
    body: signer.eventBody(
      reactionEvent({
        user: PEOPLE[i % PEOPLE.length] as string,
        item_user: PEOPLE[(i + 1) % PEOPLE.length] as string,
        ts: `1700001000.${String(i).padStart(6, '0')}`,
      }),
      { event_id: `Ev0KILL${String(i).padStart(5, '0')}` },
    ),
    contentType: 'application/json',
    acknowledged: false,
  }));
  const commands: Sent[] = Array.from({ length: COMMANDS }, (_, i) => ({
    body: signer.commandBody({
      user_id: PEOPLE[i % PEOPLE.length] as string,
      text: `<@${PEOPLE[(i + 3) % PEOPLE.length] as string}|someone> for command ${String(i)}`,
    }),
    contentType: 'application/x-www-form-urlencoded',
    acknowledged: false,
  }));
  // Commands among the reactions, as they would arrive.
  const all = reactions.flatMap((r, i) =>
    i % 10 === 0 && commands[i / 10] ? [r, commands[i / 10] as Sent] : [r],
  );
  await burst(url, all, (answered) => {
    if (answered === KILL_AFTER) first.child.kill('SIGKILL');
  });
  expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
  const unanswered = all.filter((r) => !r.acknowledged);
  expect(unanswered.length).toBeGreaterThan(0);

  const second = RapportProcess.start('main.js', env);
  const url2 = await second.running();
  for (const request of unanswered) {
    const res = await fetch(`${url2}/slack/events`, signedPost(request, true));
    expect(res.status).toBe(200);
  }
  expect(await second.stop()).toEqual({ code: 0, signal: null });

  const kudos = await kudosExported();
  const fromReactions = kudos.filter((k) => k.source === 'reaction').map((k) => k.message_ts);
  const fromCommands = kudos.filter((k) => k.source === 'command').map((k) => k.reason);
  expect(new Set(fromReactions).size).toBe(REACTIONS);
  expect(fromReactions).toHaveLength(REACTIONS);
  expect(new Set(fromCommands).size).toBe(COMMANDS);
  expect(fromCommands).toHaveLength(COMMANDS);
  // For the closing note: how many requests the kill left unanswered.
  process.stdout.write(
    `kill mid-burst: ${String(all.length)} sent, ${String(all.length - unanswered.length)} acknowledged before the kill, ${String(unanswered.length)} re-sent; stored ${String(fromReactions.length)}/${String(REACTIONS)} reactions, ${String(fromCommands.length)}/${String(COMMANDS)} commands\n`,
  );
}, 180_000);
