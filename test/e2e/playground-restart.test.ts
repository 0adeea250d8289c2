import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { openDatabase } from '../../src/db/open-database.js';
import type { ActionResult, Message, PlaygroundState } from '../../src/playground/api-types.js';
import {
  PLAYGROUND_FOLDER,
  type RunningPlayground,
  startPlayground,
} from '../../src/playground/start-playground.js';
import { capturingLogger } from '../helpers/logs.js';

/**
 * The playground is one world across a restart (issue 21): what people saw in the stand-in's
 * Slack, the clock and the activity log come back with the database, and what cannot come back is
 * dropped with it, never half.
 */
const ANA = 'U0ANALIMA1';
const BEN = 'U0BENOKAF1';
const GENERAL = 'C0GENERAL1';

let playground: RunningPlayground;
let dataDir: string;
const logs = capturingLogger({ level: 'info' });
const start = () => startPlayground({ dataDir, port: 0, log: logs.log, thread: 'main' });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rapport-restart-'));
  playground = await start();
}, 60_000);
afterAll(async () => {
  await playground.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function state(as: string): Promise<PlaygroundState> {
  const res = await fetch(`${playground.url}/playground/api/state?as=${as}`);
  expect(res.status).toBe(200);
  return (await res.json()) as PlaygroundState;
}

async function act(name: string, body: Record<string, unknown>): Promise<ActionResult> {
  const res = await fetch(`${playground.url}/playground/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as ActionResult;
}

async function eventually<T>(as: string, find: (s: PlaygroundState) => T | undefined | false): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = find(await state(as));
    if (found) return found;
    if (Date.now() > deadline) throw new Error('the playground never showed it');
    await new Promise((r) => setTimeout(r, 50));
  }
}

type Button = { type: string; action_id: string; value: string; block_id: string };
const buttonsIn = (m: Message): Button[] =>
  ((m.blocks ?? []) as { type: string; block_id?: string; elements?: Button[] }[]).flatMap((b) =>
    b.type === 'actions' ? (b.elements ?? []).map((e) => ({ ...e, block_id: b.block_id ?? '' })) : [],
  );

async function restart(): Promise<void> {
  await playground.close();
  playground = await start();
}

describe('a restart', () => {
  test('shows exactly what was there: messages, the Home tab, the activity log; the clock goes on from where it was', async () => {
    await act('message', { as: ANA, channel: GENERAL, text: 'hello before the restart' });
    await act('command', { as: ANA, channel: GENERAL, text: '/credit @ben for the launch deck' });
    const creditDm = await eventually(BEN, (s) =>
      s.conversations[`D${BEN}`]?.find((m) => buttonsIn(m).some((b) => b.action_id === 'credit_confirm')),
    );
    await act('command', { as: ANA, channel: GENERAL, text: '/rituals standup mon-fri 09:30 local' });
    await eventually(ANA, (s) => s.nextRitualAt);
    expect(await act('clock', { as: ANA, advance: 'day' })).toEqual({ ok: true });
    await act('command', { as: ANA, channel: GENERAL, text: '/health post' });
    const chart = await eventually(ANA, (s) => s.conversations[GENERAL]?.flatMap((m) => m.files)[0]);
    const chartBytes = await (await fetch(`${playground.url}${chart.url}`)).arrayBuffer();
    expect(chartBytes.byteLength).toBeGreaterThan(1000);
    expect(await act('home', { as: BEN })).toEqual({ ok: true });
    const before = await eventually(BEN, (s) => (s.home ? s : undefined));
    const anaBefore = await state(ANA);

    await restart();

    const after = await state(BEN);
    expect(after.conversations).toEqual(before.conversations);
    expect(after.home).toEqual(before.home);
    expect(after.nextRitualAt).toBe(before.nextRitualAt);
    // The clock never goes back: it goes on from the time it showed (real time passed meanwhile).
    expect(new Date(after.now).getTime()).toBeGreaterThanOrEqual(new Date(before.now).getTime());
    expect(after.log.slice(0, before.log.length)).toEqual(before.log);
    expect(after.log.at(-1)?.text).toContain('restarted');
    expect((await state(ANA)).conversations[GENERAL]).toEqual(anaBefore.conversations[GENERAL]);

    const chartAfter = await fetch(`${playground.url}${chart.url}`);
    expect(chartAfter.status).toBe(200);
    expect(Buffer.from(await chartAfter.arrayBuffer()).equals(Buffer.from(chartBytes))).toBe(true);

    // The credit DM from before the restart is the one Ben answers: the app edits it in place.
    const confirm = buttonsIn(creditDm).find((b) => b.action_id === 'credit_confirm') as Button;
    expect(
      await act('action', {
        as: BEN,
        container: { type: 'message', channel: `D${BEN}`, ts: creditDm.ts },
        action: confirm,
      }),
    ).toEqual({ ok: true });
    await eventually(BEN, (s) =>
      s.conversations[`D${BEN}`]?.find(
        (m) => m.ts === creditDm.ts && !buttonsIn(m).some((b) => b.action_id === 'credit_confirm'),
      ),
    );
    expect((await state(BEN)).log.filter((l) => l.kind === 'slack_error')).toEqual([]);
  }, 60_000);

  test('keeps the group DMs a round of coffee pairs opened, with their messages and working buttons', async () => {
    expect(await act('reset', { as: ANA })).toEqual({ ok: true });
    await act('command', {
      as: ANA,
      channel: GENERAL,
      text: '/rituals pairs weekly mon 10:00 Europe/London',
    });
    const intro = await eventually(ANA, (s) =>
      s.conversations[GENERAL]?.find((m) => buttonsIn(m).some((b) => b.action_id === 'pairs_join')),
    );
    const join = buttonsIn(intro).find((b) => b.action_id === 'pairs_join');
    for (const who of [ANA, BEN]) {
      await act('action', {
        as: who,
        container: { type: 'message', channel: GENERAL, ts: intro.ts },
        action: join,
      });
    }
    expect(await act('clock', { as: ANA, advance: 'next' })).toEqual({ ok: true });
    const group = await eventually(BEN, (s) =>
      s.groupDms.find((g) => (s.conversations[g.id] ?? []).length > 0),
    );
    const before = await state(BEN);

    await restart();

    const after = await state(BEN);
    expect(after.groupDms).toEqual(before.groupDms);
    expect(after.conversations[group.id]).toEqual(before.conversations[group.id]);
    // Ana still writes there: the group is hers after the restart too.
    expect(await act('message', { as: ANA, channel: group.id, text: 'still here' })).toEqual({ ok: true });
    expect((await state(BEN)).conversations[group.id]?.at(-1)?.text).toBe('still here');
  }, 60_000);

  test('a database whose Slack was not saved beside it is emptied with it, never kept half', async () => {
    await act('message', { as: ANA, channel: GENERAL, text: 'this will go' });
    await playground.close();
    // What a playground of an earlier version left: its rows, and no saved Slack.
    const log = capturingLogger({ level: 'info' }).log;
    const database = await openDatabase(
      { url: undefined, dataDir: join(dataDir, PLAYGROUND_FOLDER), poolMax: 1 },
      log,
      { migrate: false, thread: 'main' },
    );
    await database.db.execute('delete from playground_world', []);
    await database.close();
    playground = await start();

    const s = await state(ANA);
    expect(s.conversations[GENERAL]).toEqual([]);
    expect(s.nextRitualAt).toBeNull();
    expect(s.log.map((l) => l.text)).toEqual([expect.stringContaining('began afresh')]);
    expect(logs.lines().some((l) => String(l.msg).includes('could not restore its Slack'))).toBe(true);
  }, 60_000);
});
