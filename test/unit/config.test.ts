import { describe, expect, test } from '@jest/globals';
import { ConfigError, loadConfig, loadDatabaseConfig, secretsOf } from '../../src/config.js';

const base = { SLACK_BOT_TOKEN: 'xoxb-123-abc', SLACK_SIGNING_SECRET: 'shh-secret' };

describe('loadConfig', () => {
  test('defaults: HTTP mode, Slack’s API, embedded database in ./data, port 3000, info logs', () => {
    expect(loadConfig(base)).toEqual({
      slack: {
        botToken: 'xoxb-123-abc',
        signingSecret: 'shh-secret',
        appToken: undefined,
        apiUrl: 'https://slack.com/api/',
        mode: 'http',
      },
      database: { url: undefined, dataDir: './data', poolMax: 10 },
      port: 3000,
      logLevel: 'info',
    });
  });

  test('an app token switches to Socket Mode, where no signing secret is needed', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-abc' });
    expect(config.slack.mode).toBe('socket');
  });

  test('SLACK_API_URL gets its trailing slash; empty values count as unset', () => {
    const config = loadConfig({ ...base, SLACK_API_URL: 'http://localhost:9999/api', DATABASE_URL: '' });
    expect(config.slack.apiUrl).toBe('http://localhost:9999/api/');
    expect(config.database.url).toBeUndefined();
  });

  test('every problem is reported at once, one line each', () => {
    try {
      loadConfig({ PORT: '70000' });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^Configuration error: SLACK_BOT_TOKEN is missing/),
        expect.stringMatching(/^Configuration error: PORT .*: set it to a TCP port number/),
        expect.stringMatching(/^Configuration error: SLACK_SIGNING_SECRET is missing/),
      ]);
    }
  });

  test('the command-line tools need only the database settings', () => {
    expect(loadDatabaseConfig({ DATABASE_URL: 'postgres://u:p@h/db' }).database.url).toBe(
      'postgres://u:p@h/db',
    );
  });

  test('secrets include the tokens and the database password', () => {
    const config = loadConfig({ ...base, DATABASE_URL: 'postgres://rapport:p%40ss-word@db:5432/rapport' });
    expect(secretsOf(config)).toEqual(['xoxb-123-abc', 'shh-secret', 'p@ss-word']);
  });
});
