import { existsSync } from 'node:fs';
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
