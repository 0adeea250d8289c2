import { afterAll, beforeAll, expect, test } from '@jest/globals';
import {
  API_OUTCOMES,
  OCCURRENCE_DECISIONS,
  REQUEST_OUTCOMES,
  REQUEST_SURFACES,
} from '../../src/metrics/metrics.js';
import { parsePrometheusText, type Sample } from '../helpers/prometheus-text.js';
import { reactionEvent } from '../helpers/slack-request.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Metrics must have bounded cardinality (issue 20): whoever acts, wherever, whatever they type,
 * no label carries a user, channel or team id, nor anyone's words, and the number of series stays
 * the same however many people and channels there are. Two rounds of 20 people in 20 channels
 * (commands, reactions, unknown commands and buttons, unsigned requests, mistakes, deliveries and
 * ticks) go through the HTTP endpoint; the second adds no series.
 */
const SLACK_ID = /^[UWCTGDB][A-Z0-9]{6,}$/;
const PEOPLE_PER_ROUND = 20;

/** Every label a Rapport metric may have, and what its values may be. */
const ALLOWED: Record<string, (value: string) => boolean> = {
  surface: (v) => (REQUEST_SURFACES as readonly string[]).includes(v),
  outcome: (v) => [...REQUEST_OUTCOMES, ...API_OUTCOMES, 'sent', 'retried', 'failed'].includes(v as never),
  method: (v) => /^[a-z]+(\.[a-zA-Z]+){1,4}$/.test(v) || v === 'other',
  statement: (v) => /^[a-z]+( [a-z_][a-z0-9_.]*)?$/.test(v),
  state: (v) => ['total', 'idle', 'waiting'].includes(v),
  decision: (v) => (OCCURRENCE_DECISIONS as readonly string[]).includes(v),
  kind: (v) => ['reminded', 'closed'].includes(v),
  le: (v) => v === '+Inf' || Number.isFinite(Number(v)),
};

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function scrape(): Promise<Sample[]> {
  const res = await fetch(`${t.url}/metrics`);
  expect(res.status).toBe(200);
  return parsePrometheusText(await res.text());
}

/** Distinct ids for each round and person: U…, C…, every one a well-formed Slack id. */
const id = (prefix: string, round: number, i: number) =>
  `${prefix}0${round}${String(i).padStart(3, '0')}${'XYZ'.charAt(i % 3)}Q7`;

async function round(n: number): Promise<void> {
  for (let i = 0; i < PEOPLE_PER_ROUND; i += 1) {
    const giver = id('U', n, i);
    const receiver = id('W', n, i);
    const channel = id('C', n, i);
    t.slack.addUser({ id: giver, name: `xyzzygiver${n}x${i}` });
    t.slack.addUser({ id: receiver, name: `xyzzyreceiver${n}x${i}` });
    const words = `xyzzy round ${n} person ${i}: ${Math.random().toString(36).slice(2)} ${channel} ${giver}`;
    const ok = await t.requests.command({
      command: '/kudos',
      text: `<@${receiver}|r${i}> for ${words}`,
      user_id: giver,
      channel_id: channel,
    });
    expect(ok.status).toBe(200);
    // A mistake (no one named), an unknown command, an unknown button, an unsigned request.
    await t.requests.command({ command: '/kudos', text: words, user_id: giver, channel_id: channel });
    await t.requests.command({ command: `/nope${n}${i}`, text: words, user_id: giver, channel_id: channel });
    await t.requests.blockAction({ user_id: giver, action_id: `unknown_${giver}_${i}`, value: words });
    await t.requests.command(
      { command: '/kudos', text: words, user_id: giver, channel_id: channel },
      { unsigned: true },
    );
    const reacted = await t.requests.event(
      reactionEvent({ user: receiver, item_user: giver, channel, ts: `17000${n}${i}.000100` }),
      { team_id: 'T0ANOTHER1' },
    );
    expect(reacted.status).toBeLessThan(500);
  }
  await t.app.background.drain();
  await t.app.jobs.deliver();
  await t.app.jobs.tick();
}

/** Rapport's series: a histogram's buckets, sum and count are one series. */
const seriesOf = (samples: Sample[]) =>
  new Set(
    samples
      .filter((s) => s.name.startsWith('rapport_'))
      .map((s) => {
        const labels = Object.entries(s.labels).filter(([k]) => k !== 'le');
        return `${s.name.replace(/_(bucket|sum|count)$/, '')}${JSON.stringify(labels.sort())}`;
      }),
  );

test('no label carries an id or anyone’s words, and more people add no series', async () => {
  await scrape(); // The depth query /metrics runs is a statement too: seen before round one.
  await round(1);
  const first = await scrape();
  await round(2);
  const second = await scrape();

  for (const sample of second) {
    for (const [label, value] of Object.entries(sample.labels)) {
      expect(value).not.toMatch(SLACK_ID);
      expect(value).not.toMatch(/xyzzy|nope|unknown_/);
      if (sample.name.startsWith('rapport_')) {
        expect({ metric: sample.name, label, value, allowed: ALLOWED[label]?.(value) ?? false }).toEqual({
          metric: sample.name,
          label,
          value,
          allowed: true,
        });
      }
    }
  }
  // Both rounds were counted, with the outcomes each request had.
  const count = (samples: Sample[], labels: Record<string, string>) =>
    samples
      .filter(
        (s) =>
          s.name === 'rapport_slack_requests_total' &&
          Object.entries(labels).every(([k, v]) => s.labels[k] === v),
      )
      .reduce((sum, s) => sum + s.value, 0);
  expect(count(second, { surface: 'command', outcome: 'ok' })).toBe(2 * PEOPLE_PER_ROUND);
  expect(count(second, { surface: 'command', outcome: 'user_error' })).toBe(2 * PEOPLE_PER_ROUND);
  expect(count(second, { surface: 'command', outcome: 'unhandled' })).toBe(2 * PEOPLE_PER_ROUND);
  expect(count(second, { surface: 'action', outcome: 'unhandled' })).toBe(2 * PEOPLE_PER_ROUND);
  expect(count(second, { outcome: 'rejected_signature' })).toBe(2 * PEOPLE_PER_ROUND);
  expect(count(second, { surface: 'event' })).toBe(2 * PEOPLE_PER_ROUND);

  // Bounded: a second round of new people and channels adds at most a stray series (a path that
  // timing takes once, such as a retry) where a label that took an id would add one per person;
  // and the whole stays small.
  const before = seriesOf(first);
  const added = [...seriesOf(second)].filter((key) => !before.has(key));
  expect(added.length).toBeLessThanOrEqual(2);
  expect(seriesOf(second).size).toBeLessThan(1500);
});
