import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import type { Installation } from '@slack/bolt';
import { z } from 'zod';
import { RapportError } from '../../src/errors.js';
import { createInstallationStore } from '../../src/slack/installations/installation-store.js';
import { rotateKey } from '../../src/slack/installations/rotate-key.js';
import { createTokenCipher, keyIdOf } from '../../src/slack/installations/token-cipher.js';
import { TestClock } from '../helpers/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

let database: TestDatabase;
const clock = new TestClock('2026-12-01T09:00:00Z');
const KEY_A = randomBytes(32);
const KEY_B = randomBytes(32);

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());
beforeEach(() => database.truncate());

const storeWith = (keys: { current: Buffer; old?: Buffer[] }, changed?: (key: string) => void) =>
  createInstallationStore({ db: database.db, cipher: createTokenCipher(keys), clock, changed });

const BOT_TOKEN = 'xoxe.xoxb-T0GLOBEX01-1f2e3d4c5b6a';
const REFRESH_TOKEN = 'xoxe-1-9a8b7c6d5e4f';
const USER_TOKEN = 'xoxp-T0GLOBEX01-0a1b2c3d';

const workspaceInstall: Installation<'v2', false> = {
  team: { id: 'T0GLOBEX01', name: 'Globex' },
  enterprise: undefined,
  isEnterpriseInstall: false,
  appId: 'A0RAPPORT',
  authVersion: 'v2',
  tokenType: 'bot',
  user: { id: 'U0ELICOHE1', token: USER_TOKEN, scopes: ['search:read'] },
  bot: {
    id: 'B0GLOBEX01',
    userId: 'U0BOTEX01',
    scopes: ['commands', 'chat:write'],
    token: BOT_TOKEN,
    refreshToken: REFRESH_TOKEN,
    expiresAt: 1_800_000_000,
  },
};

const orgInstall: Installation<'v2', true> = {
  team: undefined,
  enterprise: { id: 'E0ACMEORG1', name: 'Acme' },
  isEnterpriseInstall: true,
  enterpriseUrl: 'https://acme.enterprise.slack.com/',
  appId: 'A0RAPPORT',
  authVersion: 'v2',
  tokenType: 'bot',
  user: { id: 'U0ACMEADM1', token: undefined, scopes: undefined },
  bot: { id: 'B0ACME0001', userId: 'U0BOTORG1', scopes: ['commands'], token: 'xoxb-E0ACMEORG1-77aa' },
};

const forTeam = (teamId: string, enterpriseId?: string) => ({
  teamId,
  enterpriseId,
  isEnterpriseInstall: false as const,
});

const sealedColumns = () =>
  database.db.query(
    `select install_key, bot_token, bot_refresh_token, user_token from slack_installations order by install_key`,
    [],
    z.object({
      install_key: z.string(),
      bot_token: z.string().nullable(),
      bot_refresh_token: z.string().nullable(),
      user_token: z.string().nullable(),
    }),
  );

const caught = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as RapportError;
  }
  throw new Error('did not fail');
};

describe('the installation store', () => {
  test('a workspace’s installation comes back as stored, its tokens sealed at rest', async () => {
    const changed: string[] = [];
    const store = storeWith({ current: KEY_A }, (key) => changed.push(key));
    await store.storeInstallation(workspaceInstall);
    expect(changed).toEqual(['T:T0GLOBEX01']);
    expect(await store.fetchInstallation(forTeam('T0GLOBEX01'))).toEqual(workspaceInstall);

    const [row] = await sealedColumns();
    for (const value of [row?.bot_token, row?.bot_refresh_token, row?.user_token]) {
      expect(value).toMatch(new RegExp(`^rk1:${keyIdOf(KEY_A)}:`));
    }
    expect(JSON.stringify(row)).not.toMatch(/xox[bpe]/);
  });

  test('installing again replaces the installation (a new token after a reinstall)', async () => {
    const store = storeWith({ current: KEY_A });
    await store.storeInstallation(workspaceInstall);
    const again = {
      ...workspaceInstall,
      bot: { ...workspaceInstall.bot, token: 'xoxb-T0GLOBEX01-new' },
    } as Installation;
    await store.storeInstallation(again);
    expect((await store.fetchInstallation(forTeam('T0GLOBEX01'))).bot?.token).toBe('xoxb-T0GLOBEX01-new');
    expect(await sealedColumns()).toHaveLength(1);
  });

  test('an unknown workspace is not installed', async () => {
    const error = await caught(storeWith({ current: KEY_A }).fetchInstallation(forTeam('T0NOBODY01')));
    expect(error.code).toBe('not_installed');
  });

  test('an org-wide install is kept by enterprise_id and serves the organisation’s workspaces, also later by team alone', async () => {
    const store = storeWith({ current: KEY_A });
    await store.storeInstallation(orgInstall);
    expect((await sealedColumns()).map((r) => r.install_key)).toEqual(['E:E0ACMEORG1']);
    const byOrg = await store.fetchInstallation({
      teamId: undefined,
      enterpriseId: 'E0ACMEORG1',
      isEnterpriseInstall: true,
    });
    expect(byOrg).toEqual(orgInstall);
    // A workspace not yet named by any request cannot be placed in the organisation.
    expect((await caught(store.fetchInstallation(forTeam('T0ACMEWS01')))).code).toBe('not_installed');
    // A request names it with its enterprise_id; from then on its team id alone finds the install,
    // in this process and in another (a new store on the same database).
    expect((await store.fetchInstallation(forTeam('T0ACMEWS01', 'E0ACMEORG1'))).bot?.token).toBe(
      orgInstall.bot?.token,
    );
    expect((await storeWith({ current: KEY_A }).fetchInstallation(forTeam('T0ACMEWS01'))).bot?.token).toBe(
      orgInstall.bot?.token,
    );
    // Uninstalled: its workspaces lose it too.
    await store.deleteInstallation?.({
      teamId: undefined,
      enterpriseId: 'E0ACMEORG1',
      isEnterpriseInstall: true,
    });
    expect((await caught(storeWith({ current: KEY_A }).fetchInstallation(forTeam('T0ACMEWS01')))).code).toBe(
      'not_installed',
    );
  });

  test('deleting removes the tokens; a person’s revoked grant removes only their token', async () => {
    const store = storeWith({ current: KEY_A });
    await store.storeInstallation(workspaceInstall);
    await store.deleteInstallation?.({ ...forTeam('T0GLOBEX01'), userId: 'U0ELICOHE1' });
    const kept = await store.fetchInstallation(forTeam('T0GLOBEX01'));
    expect(kept.user.token).toBeUndefined();
    expect(kept.bot?.token).toBe(BOT_TOKEN);
    await store.deleteInstallation?.(forTeam('T0GLOBEX01'));
    expect(await sealedColumns()).toEqual([]);
  });

  test('with the wrong key the tokens do not open, and the error names the key they need', async () => {
    await storeWith({ current: KEY_A }).storeInstallation(workspaceInstall);
    const error = await caught(storeWith({ current: KEY_B }).fetchInstallation(forTeam('T0GLOBEX01')));
    expect(error).toBeInstanceOf(RapportError);
    expect(error.code).toBe('encryption_key_unknown');
    expect(error.message).toContain(keyIdOf(KEY_A));
    expect(error.message).not.toContain(BOT_TOKEN);
  });
});

describe('key rotation', () => {
  test('every token is sealed again under the new key; the old key is then no longer needed', async () => {
    await storeWith({ current: KEY_A }).storeInstallation(workspaceInstall);
    await storeWith({ current: KEY_A }).storeInstallation(orgInstall);
    const before = await sealedColumns();

    const result = await rotateKey(database.db, createTokenCipher({ current: KEY_B, old: [KEY_A] }));
    expect(result).toEqual({ resealed: 4, current: 0, installations: 2 });
    const after = await sealedColumns();
    for (const row of after) {
      for (const value of [row.bot_token, row.bot_refresh_token, row.user_token].filter((v) => v !== null)) {
        expect(value).toMatch(new RegExp(`^rk1:${keyIdOf(KEY_B)}:`));
      }
    }
    expect(after).not.toEqual(before);
    // Only the new key now.
    expect(await storeWith({ current: KEY_B }).fetchInstallation(forTeam('T0GLOBEX01'))).toEqual(
      workspaceInstall,
    );
    // Running it again changes nothing.
    expect(await rotateKey(database.db, createTokenCipher({ current: KEY_B }))).toEqual({
      resealed: 0,
      current: 4,
      installations: 2,
    });
  });

  test('without the old key nothing changes: all tokens move, or none', async () => {
    await storeWith({ current: KEY_A }).storeInstallation(workspaceInstall);
    const before = await sealedColumns();
    const error = await caught(rotateKey(database.db, createTokenCipher({ current: KEY_B })));
    expect(error.code).toBe('encryption_key_unknown');
    expect(await sealedColumns()).toEqual(before);
  });
});
