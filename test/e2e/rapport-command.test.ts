import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * `/rapport` itself, through the HTTP endpoint: its help, and what it says to a subcommand it does
 * not know (each subcommand has its own tests).
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  expect(t.logs.lines().filter((l) => Number(l.level) >= 50)).toEqual([]);
  await t.reset();
});

async function rapport(text: string): Promise<{ text: string; response_type?: string }> {
  const res = await t.requests.command({
    command: '/rapport',
    text,
    user_id: 'U0ANA00001',
    channel_id: 'C0GENERAL',
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { text: string; response_type?: string };
}

describe('/rapport', () => {
  test('with nothing after it, or help, it says what it can do, to the person only', async () => {
    for (const text of ['', 'help', '  HELP ']) {
      const reply = await rapport(text);
      expect(reply.response_type).toBe('ephemeral');
      expect(JSON.stringify(reply)).toContain('Rapport itself');
    }
    // Everyone's own data first, then what only admins may do.
    const help = JSON.stringify(await rapport('help'));
    const at = (what: string) => help.indexOf(what);
    for (const sub of ['my-data', 'forget-me', 'retention', 'audit'])
      expect(at(`/rapport ${sub}`)).toBeGreaterThan(0);
    expect(at('/rapport my-data')).toBeLessThan(at('For workspace admins'));
    expect(at('/rapport forget-me')).toBeLessThan(at('For workspace admins'));
    expect(at('/rapport audit')).toBeGreaterThan(at('For workspace admins'));
    expect(at('/rapport retention')).toBeGreaterThan(at('For workspace admins'));
  });

  test('an unknown subcommand is named back, shortened, with the way to help; nothing is sent', async () => {
    const reply = await rapport(`${'x'.repeat(5000)} <!channel>`);
    expect(reply.text).toContain(`\`/rapport ${'x'.repeat(30)}\``);
    expect(reply.text).not.toContain('x'.repeat(31));
    expect(reply.text).toContain('/rapport help');
    expect(t.slack.calls.filter((c) => c.method.startsWith('chat.'))).toEqual([]);
  });
});
