import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@jest/globals';
import type { PlaygroundState } from '../../src/playground/api-types.js';
import { type RunningPlayground, startPlayground } from '../../src/playground/start-playground.js';
import { capturingLogger } from '../helpers/logs.js';
import { eventually } from '../helpers/playground-page.js';

const DANA = 'U0DANAKOW1';
const ELI = 'U0ELICOHE1';
const ALLIANCE = 'C0ALLIANCE';

const act = async (p: RunningPlayground, name: string, body: Record<string, unknown>) =>
  (await (
    await fetch(`${p.url}/playground/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  ).json()) as { ok: boolean; error?: string };

const stateOf = async (p: RunningPlayground, as: string) =>
  (await (await fetch(`${p.url}/playground/api/state?as=${as}`)).json()) as PlaygroundState;

const installed = async (p: RunningPlayground) =>
  Object.fromEntries((await stateOf(p, DANA)).teams.map((t) => [t.name, t.installed]));

/** Slackbot's refusals of /kudos that Dana has seen so far. */
const refusals = async (p: RunningPlayground) =>
  (await stateOf(p, DANA)).ephemerals.filter(
    (e) => e.from === 'slackbot' && e.text.startsWith('/kudos is not a valid command'),
  ).length;

/**
 * Dana, of Globex, types /kudos in the shared channel: Slackbot's refusal of this command (one more
 * than before), or Rapport's post.
 */
async function danaGivesKudos(p: RunningPlayground, reason: string): Promise<'slackbot' | 'posted'> {
  const refusedBefore = await refusals(p);
  expect(await act(p, 'command', { as: DANA, channel: ALLIANCE, text: `/kudos @ana ${reason}` })).toEqual({
    ok: true,
  });
  let answer: 'slackbot' | 'posted' | undefined;
  await eventually(async () => {
    if ((await refusals(p)) > refusedBefore) answer = 'slackbot';
    const state = await stateOf(p, DANA);
    if ((state.conversations[ALLIANCE] ?? []).some((m) => m.botId !== null && m.text.includes(reason)))
      answer = 'posted';
    return answer !== undefined;
  }, `nothing answered /kudos ${reason}`);
  return answer as 'slackbot' | 'posted';
}

test('the playground keeps who installed Rapport across a restart, and Reset leaves only Northwind', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'rapport-installs-'));
  const { log, raw } = capturingLogger({ level: 'info' });
  let playground: RunningPlayground | undefined;
  try {
    playground = await startPlayground({ dataDir, port: 0, log, thread: 'main' });
    expect(await installed(playground)).toEqual({ Northwind: true, Globex: false });
    expect((await stateOf(playground, DANA)).commands).toEqual([]);
    expect(await danaGivesKudos(playground, 'before the install')).toBe('slackbot');

    expect(await act(playground, 'install', { as: ELI })).toEqual({ ok: true });
    expect(await act(playground, 'install', { as: DANA })).toEqual({
      ok: false,
      error: 'Rapport is already installed in Globex.',
    });
    expect(await installed(playground)).toEqual({ Northwind: true, Globex: true });
    expect((await stateOf(playground, DANA)).commands.map((c) => c.command)).toContain('/kudos');
    expect(await danaGivesKudos(playground, 'once Globex installed')).toBe('posted');

    // A restart: the stand-in's Slack begins afresh, and both workspaces install again.
    await playground.close();
    playground = await startPlayground({ dataDir, port: 0, log, thread: 'main' });
    expect(await installed(playground)).toEqual({ Northwind: true, Globex: true });
    expect(await danaGivesKudos(playground, 'after the restart')).toBe('posted');

    expect(await act(playground, 'reset', { as: DANA })).toEqual({ ok: true });
    expect(await installed(playground)).toEqual({ Northwind: true, Globex: false });
    expect(await danaGivesKudos(playground, 'after the reset')).toBe('slackbot');
    // No Slack refusal on the way: no revoked token was used after the reset.
    expect((await stateOf(playground, DANA)).log.filter((l) => l.kind === 'slack_error')).toEqual([]);
    // Installs leave no token in the logs.
    expect(raw.join('\n')).not.toMatch(/xox[be]-/);
  } finally {
    await playground?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}, 120_000);
