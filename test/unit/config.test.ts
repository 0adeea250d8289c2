import { describe, expect, test } from '@jest/globals';
import {
  ConfigError,
  loadConfig,
  loadDatabaseConfig,
  loadPlaygroundConfig,
  secretsOf,
} from '../../src/config.js';

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
      retention: { checkinsDays: undefined, notesDays: undefined, eventsDays: undefined },
      forgetDeactivated: false,
    });
  });

  test('FORGET_DEACTIVATED is true or false, false when unset or empty; anything else is named', () => {
    expect(loadConfig({ ...base, FORGET_DEACTIVATED: 'true' }).forgetDeactivated).toBe(true);
    expect(loadConfig({ ...base, FORGET_DEACTIVATED: 'false' }).forgetDeactivated).toBe(false);
    expect(loadConfig({ ...base, FORGET_DEACTIVATED: ' ' }).forgetDeactivated).toBe(false);
    expect(() => loadConfig({ ...base, FORGET_DEACTIVATED: 'yes' })).toThrow(
      /FORGET_DEACTIVATED must be true or false/,
    );
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

describe('installs by OAuth', () => {
  const KEY = Buffer.alloc(32, 1).toString('base64');
  const OAUTH = {
    SLACK_CLIENT_ID: '123.456',
    SLACK_CLIENT_SECRET: 'client-secret-abc',
    SLACK_STATE_SECRET: 'state-secret-0123456789',
    SLACK_SIGNING_SECRET: 'shh-secret',
    RAPPORT_ENCRYPTION_KEY: KEY,
  };
  const problems = (env: NodeJS.ProcessEnv) => {
    try {
      loadConfig(env);
    } catch (error) {
      return (error as ConfigError).problems;
    }
    throw new Error('accepted');
  };

  test('the three OAuth variables and the key make OAuth mode, with no bot token', () => {
    const config = loadConfig({
      ...OAUTH,
      SLACK_REDIRECT_URI: 'https://rapport.example.com/slack/oauth_redirect',
    });
    expect(config.slack.botToken).toBeUndefined();
    expect(config.slack.oauth).toEqual({
      clientId: '123.456',
      clientSecret: 'client-secret-abc',
      stateSecret: 'state-secret-0123456789',
      redirectUri: 'https://rapport.example.com/slack/oauth_redirect',
    });
    expect(config.encryption?.current.toString('base64')).toBe(KEY);
    expect(config.encryption?.old).toEqual([]);
    // The client secret, the state secret and the key are never logged.
    expect(secretsOf(config)).toEqual(
      expect.arrayContaining(['client-secret-abc', 'state-secret-0123456789', KEY]),
    );
  });

  test('single-token mode stays as it was: no OAuth, no key needed', () => {
    expect(loadConfig(base).slack.oauth).toBeUndefined();
    expect(loadConfig(base).encryption).toBeUndefined();
  });

  test('without RAPPORT_ENCRYPTION_KEY OAuth mode stops with one clear line', () => {
    const { RAPPORT_ENCRYPTION_KEY: _key, ...withoutKey } = OAUTH;
    expect(problems(withoutKey)).toEqual([
      expect.stringMatching(
        /^Configuration error: RAPPORT_ENCRYPTION_KEY is missing \(installs by OAuth keep their tokens encrypted\): set it to 32 random bytes in base64 \(openssl rand -base64 32\)/,
      ),
    ]);
  });

  test('exactly one mode: a bot token with OAuth is refused', () => {
    expect(problems({ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      expect.stringMatching(
        /^Configuration error: SLACK_BOT_TOKEN cannot be set together with SLACK_CLIENT_ID/,
      ),
    ]);
  });

  test('a partial OAuth configuration names each missing variable', () => {
    expect(
      problems({ SLACK_CLIENT_ID: '123.456', SLACK_SIGNING_SECRET: 's', RAPPORT_ENCRYPTION_KEY: KEY }),
    ).toEqual([
      expect.stringMatching(/^Configuration error: SLACK_CLIENT_SECRET is missing \(installs by OAuth need/),
      expect.stringMatching(/^Configuration error: SLACK_STATE_SECRET is missing \(installs by OAuth need/),
    ]);
  });

  test('bad keys, a short state secret and Socket Mode are each one line', () => {
    expect(
      problems({
        ...OAUTH,
        RAPPORT_ENCRYPTION_KEY: 'c2hvcnQ=',
        RAPPORT_ENCRYPTION_OLD_KEYS: `${KEY},nope`,
        SLACK_STATE_SECRET: 'short',
        SLACK_APP_TOKEN: 'xapp-1-abc',
      }),
    ).toEqual([
      expect.stringMatching(
        /^Configuration error: RAPPORT_ENCRYPTION_KEY must be 32 bytes in base64: set it to/,
      ),
      expect.stringMatching(
        /^Configuration error: RAPPORT_ENCRYPTION_OLD_KEYS holds a value that is not 32 bytes/,
      ),
      expect.stringMatching(/^Configuration error: SLACK_STATE_SECRET is too short: set it to a random text/),
      expect.stringMatching(/^Configuration error: SLACK_APP_TOKEN cannot be used with installs by OAuth/),
    ]);
  });
});

describe('retention', () => {
  test('unset or empty keeps everything forever', () => {
    expect(loadConfig({ ...base, RETENTION_DAYS_NOTES: ' ' }).retention).toEqual({
      checkinsDays: undefined,
      notesDays: undefined,
      eventsDays: undefined,
    });
  });

  test('each variable is a number of days', () => {
    const config = loadConfig({
      ...base,
      RETENTION_DAYS_CHECKINS: '90',
      RETENTION_DAYS_NOTES: ' 365 ',
      RETENTION_DAYS_EVENTS: '1',
    });
    expect(config.retention).toEqual({ checkinsDays: 90, notesDays: 365, eventsDays: 1 });
  });

  test('a bad value is one clear line each, naming the variable and what it takes', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ ...base, ...env });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems;
      }
      throw new Error('accepted');
    };
    expect(
      problems({ RETENTION_DAYS_CHECKINS: '0', RETENTION_DAYS_NOTES: '30d', RETENTION_DAYS_EVENTS: '-5' }),
    ).toEqual([
      "Configuration error: RETENTION_DAYS_CHECKINS must be 1 or more: set it to how many days to keep stand-up answers' text, a whole number from 1 to 36500 (such as 90), or leave it unset to keep it forever.",
      "Configuration error: RETENTION_DAYS_NOTES must be a whole number of days: set it to how many days to keep retro notes' text, a whole number from 1 to 36500 (such as 90), or leave it unset to keep it forever.",
      "Configuration error: RETENTION_DAYS_EVENTS must be a whole number of days: set it to how many days to keep kudos reactions' states and delivered messages' records, a whole number from 1 to 36500 (such as 90), or leave it unset to keep it forever.",
    ]);
    expect(problems({ RETENTION_DAYS_NOTES: '2.5' })).toEqual([
      expect.stringMatching(/^Configuration error: RETENTION_DAYS_NOTES must be a whole number of days: /),
    ]);
    expect(problems({ RETENTION_DAYS_EVENTS: '99999' })).toEqual([
      expect.stringMatching(/^Configuration error: RETENTION_DAYS_EVENTS is too large: /),
    ]);
  });
});

describe('loadPlaygroundConfig', () => {
  test('listens on 127.0.0.1 unless HOST says otherwise', () => {
    expect(loadPlaygroundConfig({}).host).toBe('127.0.0.1');
    expect(loadPlaygroundConfig({ HOST: ' ' }).host).toBe('127.0.0.1');
    expect(loadPlaygroundConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadPlaygroundConfig({ HOST: '::' }).host).toBe('::');
  });

  test('a HOST that is not an address is refused in one clear line', () => {
    expect(() => loadPlaygroundConfig({ HOST: 'http://example.com/' })).toThrow(
      expect.objectContaining({
        problems: [
          'Configuration error: HOST must be a host name or an IP address: set it to the address the playground listens on, such as 0.0.0.0 for every network interface, or leave it unset for 127.0.0.1 (this machine only).',
        ],
      }),
    );
  });
});
