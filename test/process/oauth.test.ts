import { randomBytes } from 'node:crypto';
import { describe, expect, jest, test } from '@jest/globals';
import { z } from 'zod';
import type { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/open-database.js';
import { createInstallationStore } from '../../src/slack/installations/installation-store.js';
import { createTokenCipher, keyIdOf } from '../../src/slack/installations/token-cipher.js';
import { CLIENT_ID, CLIENT_SECRET, STATE_SECRET } from '../helpers/oauth.js';
import { silentLogger } from '../helpers/logs.js';
import { runTool, withTempDir } from '../helpers/rapport-process.js';
import { createTestDatabase } from '../helpers/test-database.js';

const TOKEN = 'xoxb-T0GLOBEX01-5e6f7a8b9c';
/**
 * On the embedded engine a test here opens the data folder three or four times (each start runs
 * the engine and checks its migrations), and the tool does too: slow on a busy shared machine.
 */
jest.setTimeout(120_000);
const OAUTH = {
  SLACK_CLIENT_ID: CLIENT_ID,
  SLACK_CLIENT_SECRET: CLIENT_SECRET,
  SLACK_STATE_SECRET: STATE_SECRET,
  SLACK_SIGNING_SECRET: 'abc123',
};

/**
 * A database holding one installation sealed under `key`, for a tool run: a new database on the
 * server (TEST_DATABASE_URL), or the embedded one in a data folder, closed while the tool runs.
 */
async function withInstallation<T>(
  key: Buffer,
  fn: (env: Record<string, string>, open: <R>(use: (db: Database) => Promise<R>) => Promise<R>) => Promise<T>,
): Promise<T> {
  const seal = (db: Database) =>
    createInstallationStore({
      db,
      cipher: createTokenCipher({ current: key }),
      clock: { now: () => new Date() },
    }).storeInstallation({
      team: { id: 'T0GLOBEX01' },
      enterprise: undefined,
      isEnterpriseInstall: false,
      authVersion: 'v2',
      user: { id: 'U0ELICOHE1', token: undefined, scopes: undefined },
      bot: { id: 'B0GLOBEX01', userId: 'U0BOTEX01', scopes: ['commands'], token: TOKEN },
    });
  if (process.env.TEST_DATABASE_URL) {
    const database = await createTestDatabase();
    try {
      await seal(database.db);
      return await fn({ DATABASE_URL: database.url }, (use) => use(database.db));
    } finally {
      await database.close();
    }
  }
  return withTempDir(async (dir) => {
    const open = async <R>(use: (db: Database) => Promise<R>) => {
      const database = await openDatabase({ url: undefined, dataDir: dir, poolMax: 1 }, silentLogger(), {
        migrate: true,
        thread: 'main',
      });
      try {
        return await use(database.db);
      } finally {
        await database.close();
      }
    };
    await open(seal);
    return fn({ DATA_DIR: dir }, open);
  });
}

const storedKeyIds = (db: Database) =>
  db
    .query(
      `select split_part(bot_token, ':', 2) as key_id from slack_installations`,
      [],
      z.object({ key_id: z.string() }),
    )
    .then((rows) => rows.map((r) => r.key_id));

describe('installs by OAuth at start-up', () => {
  test('without RAPPORT_ENCRYPTION_KEY it stops with one clear line', async () => {
    const result = await runTool('main.js', OAUTH);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^Configuration error: RAPPORT_ENCRYPTION_KEY is missing \(installs by OAuth keep their tokens encrypted\)/,
      ),
    ]);
    expect(result.stdout).toBe('');
  });
});

describe('npm run rotate-key', () => {
  test('seals every stored token under the new key; the old key can then go', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    await withInstallation(oldKey, async (env, open) => {
      const result = await runTool('cli/rotate-key.js', {
        ...env,
        RAPPORT_ENCRYPTION_KEY: newKey.toString('base64'),
        RAPPORT_ENCRYPTION_OLD_KEYS: oldKey.toString('base64'),
      });
      expect([result.code, result.stderr]).toEqual([0, '']);
      expect(result.stdout).toContain('every stored token is now encrypted with RAPPORT_ENCRYPTION_KEY');
      expect(result.stdout).not.toContain(newKey.toString('base64'));
      expect(result.stdout).not.toContain(oldKey.toString('base64'));
      expect(await open(storedKeyIds)).toEqual([keyIdOf(newKey)]);
      const opened = await open((db) =>
        createInstallationStore({
          db,
          cipher: createTokenCipher({ current: newKey }),
          clock: { now: () => new Date() },
        }).fetchInstallation({ teamId: 'T0GLOBEX01', enterpriseId: undefined, isEnterpriseInstall: false }),
      );
      expect(opened.bot?.token).toBe(TOKEN);
    });
  });

  test('without the old key it changes nothing and says which key it needs; without a key it is one line', async () => {
    const oldKey = randomBytes(32);
    await withInstallation(oldKey, async (env, open) => {
      const result = await runTool('cli/rotate-key.js', {
        ...env,
        RAPPORT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        `Key rotation failed: a stored token was encrypted with key ${keyIdOf(oldKey)}, which is neither RAPPORT_ENCRYPTION_KEY nor in RAPPORT_ENCRYPTION_OLD_KEYS`,
      );
      expect(await open(storedKeyIds)).toEqual([keyIdOf(oldKey)]);
    });
    const missing = await runTool('cli/rotate-key.js', { DATABASE_URL: 'postgres://127.0.0.1:1/x' });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(
      /^Configuration error: RAPPORT_ENCRYPTION_KEY is missing: set it to 32 random bytes/,
    );
  });
});

describe('a key that cannot open the stored tokens', () => {
  test('Rapport does not start, and names the key it needs', async () => {
    const oldKey = randomBytes(32);
    await withInstallation(oldKey, async (env) => {
      const result = await runTool('main.js', {
        ...env,
        ...OAUTH,
        PORT: '0',
        RAPPORT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        `Rapport could not start: stored Slack tokens were encrypted with key ${keyIdOf(oldKey)}, which is neither RAPPORT_ENCRYPTION_KEY nor in RAPPORT_ENCRYPTION_OLD_KEYS: add the earlier key to RAPPORT_ENCRYPTION_OLD_KEYS`,
      );
      expect(result.stdout + result.stderr).not.toContain(TOKEN);
    });
  });
});
