import { describe, expect, test } from '@jest/globals';
import { runTool } from '../helpers/rapport-process.js';

describe('configuration errors at start-up', () => {
  test('a partial Slack configuration: one clear line per variable, exit code 1, no stack trace', async () => {
    // No Slack setting at all starts the playground (test/process/playground.test.ts); one is an intent.
    const result = await runTool('main.js', { SLACK_API_URL: 'https://slack.com/api/' });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /^Configuration error: SLACK_BOT_TOKEN is missing: set it to the app's Bot User OAuth Token \(xoxb-…\)/,
      ),
      expect.stringMatching(/^Configuration error: SLACK_SIGNING_SECRET is missing .*Signing Secret/),
    ]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  test('a bot token without a signing secret is still an error', async () => {
    const result = await runTool('main.js', { SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^Configuration error: SLACK_SIGNING_SECRET is missing/);
  });

  test('malformed values name the variable and what to set', async () => {
    const result = await runTool('main.js', {
      SLACK_BOT_TOKEN: 'not-a-token',
      SLACK_SIGNING_SECRET: 'abc123',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://localhost/db',
      SLACK_API_URL: 'not a url',
    });
    expect(result.code).toBe(1);
    const text = result.stderr;
    expect(text).toMatch(/^Configuration error: SLACK_BOT_TOKEN must start with xoxb-/m);
    expect(text).toMatch(/^Configuration error: PORT must be a number: set it to a TCP port number/m);
    expect(text).toMatch(
      /^Configuration error: LOG_LEVEL is not a log level: set it to one of fatal, error/m,
    );
    expect(text).toMatch(/^Configuration error: DATABASE_URL must be a postgres:\/\/ URL/m);
    expect(text).toMatch(/^Configuration error: SLACK_API_URL must be an http\(s\) URL/m);
    expect(text).not.toMatch(/\n\s+at /);
    expect(text).not.toContain('not-a-token');
  });

  test('a database that cannot be reached is named, without its password', async () => {
    const result = await runTool('main.js', {
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'abc123',
      DATABASE_URL: 'postgres://rapport:hunter2secret@127.0.0.1:1/rapport',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Rapport could not start: cannot reach the database at 127.0.0.1:1 (ECONNREFUSED): check DATABASE_URL and that Postgres is running',
    );
    expect(result.stdout + result.stderr).not.toContain('hunter2secret');
  });

  test('an app token that is not xapp- is refused', async () => {
    const result = await runTool('main.js', { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxp-1' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /^Configuration error: SLACK_APP_TOKEN must start with xapp-: set it to an app-level token/,
    );
  });
});
