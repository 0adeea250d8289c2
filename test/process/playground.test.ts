import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@jest/globals';
import { RapportProcess, withTempDir } from '../helpers/rapport-process.js';

test('npm start with no Slack configuration starts the playground, says so, and stops cleanly', async () => {
  await withTempDir(async (dataDir) => {
    const rapport = RapportProcess.start('main.js', { DATA_DIR: dataDir, PORT: '0' });
    try {
      const line = await rapport.waitForLine(
        (l) => String(l.msg).startsWith('This is the Rapport playground'),
        'the playground',
        60_000,
      );
      expect(line.msg).toMatch(
        /^This is the Rapport playground, with no Slack workspace: open http:\/\/localhost:\d+\/ to try it$/,
      );
      expect(line.connect).toContain('SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET');
      expect(line.data).toBe(join(dataDir, 'playground'));
      const state = (await (
        await fetch(`http://127.0.0.1:${String(line.port)}/playground/api/state?as=U0ANALIMA1`)
      ).json()) as { people: unknown[] };
      expect(state.people).toHaveLength(6);
      expect(existsSync(join(dataDir, 'playground', 'pgdata'))).toBe(true);
    } finally {
      expect(await rapport.stop()).toEqual({ code: 0, signal: null });
    }
  });
}, 90_000);

/** This machine's first address on a network interface other than loopback. */
function networkAddress(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  if (!address) throw new Error('this machine has no network interface besides loopback to test with');
  return address;
}

test('the playground listens on 127.0.0.1 only unless HOST says otherwise, and says which', async () => {
  const outside = networkAddress();
  const started = async (env: Record<string, string>) => {
    const rapport = RapportProcess.start('main.js', { PORT: '0', ...env });
    const line = await rapport.waitForLine(
      (l) => String(l.msg).startsWith('This is the Rapport playground'),
      'the playground',
      60_000,
    );
    return { rapport, line, at: (host: string) => `http://${host}:${String(line.port)}/healthz` };
  };
  await withTempDir(async (dataDir) => {
    const local = await started({ DATA_DIR: dataDir });
    try {
      expect(local.line.listening).toBe(
        'on 127.0.0.1, this machine only: set HOST=0.0.0.0 to reach it from other machines',
      );
      expect((await fetch(local.at('127.0.0.1'))).status).toBe(200);
      await expect(fetch(local.at(outside))).rejects.toThrow();
    } finally {
      expect(await local.rapport.stop()).toEqual({ code: 0, signal: null });
    }
    const everywhere = await started({ DATA_DIR: dataDir, HOST: '0.0.0.0' });
    try {
      expect(everywhere.line.listening).toBe('on 0.0.0.0');
      expect((await fetch(everywhere.at(outside))).status).toBe(200);
    } finally {
      expect(await everywhere.rapport.stop()).toEqual({ code: 0, signal: null });
    }
  });
}, 120_000);
