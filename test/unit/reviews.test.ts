import { describe, expect, test } from '@jest/globals';
import { contentWords, groupPriorities, samePriority } from '../../src/reviews/overlap.js';
import { parseReviewForm } from '../../src/reviews/review-form.js';
import type { ReviewPack } from '../../src/reviews/review-pack.js';
import {
  describeSchedule,
  nextOccurrence,
  occurrencesBetween,
  type Schedule,
} from '../../src/rituals/schedule.js';
import { parseRitualsCommand } from '../../src/rituals/parse-command.js';
import { reviewPack } from '../../src/slack/views/reviews/pack.js';
import { decodeReviewRef } from '../../src/slack/views/reviews/prompt.js';

const WEEK_MINUTES = 7 * 24 * 60;

describe('the review’s schedule', () => {
  const quarterly: Schedule = { days: [1], time: '10:00', zone: 'Europe/Berlin', cadence: 'quarterly' };

  test('quarterly is the first such weekday of January, April, July and October', () => {
    const dates = occurrencesBetween(
      quarterly,
      'Europe/Berlin',
      new Date('2026-11-01T00:00:00Z'),
      new Date('2028-01-10T00:00:00Z'),
    ).map((o) => o.localDate);
    expect(dates).toEqual(['2027-01-04', '2027-04-05', '2027-07-05', '2027-10-04', '2028-01-03']);
  });

  test('with a lead, each occurrence comes due a week early and keeps its date', () => {
    const withLead = { ...quarterly, leadMinutes: WEEK_MINUTES };
    const next = nextOccurrence(withLead, 'Europe/Berlin', new Date('2026-12-10T12:00:00Z'));
    expect(next).toEqual({ localDate: '2027-01-04', at: new Date('2026-12-28T09:00:00Z') });
    // Once that one came due, the next is the April review's, due a week before it.
    expect(nextOccurrence(withLead, 'Europe/Berlin', new Date('2026-12-28T09:00:00Z'))).toEqual({
      localDate: '2027-04-05',
      at: new Date('2027-03-29T08:00:00Z'),
    });
    // Less than a week before a review, its forms can no longer go out a week before: the next.
    expect(nextOccurrence(withLead, 'Europe/Berlin', new Date('2027-01-01T00:00:00Z'))?.localDate).toBe(
      '2027-04-05',
    );
    expect(describeSchedule(withLead)).toBe(
      'The first Mon of January, April, July and October at 10:00, Europe/Berlin; its forms go out 7 days before',
    );
  });

  test('`/rituals review` reads quarterly or monthly, one day, a time and a zone', () => {
    expect(parseRitualsCommand('review quarterly mon 10:00 Europe/Berlin')).toEqual({
      kind: 'create',
      ritual: 'review',
      schedule: { days: [1], time: '10:00', zone: 'Europe/Berlin', cadence: 'quarterly' },
    });
    expect(parseRitualsCommand('review Monthly thu 9:30')).toMatchObject({
      ritual: 'review',
      schedule: { days: [4], time: '09:30', zone: 'local', cadence: 'monthly' },
    });
    for (const text of [
      'review',
      'review weekly mon 10:00',
      'review quarterly mon',
      'review quarterly x 10:00',
    ]) {
      expect(() => parseRitualsCommand(text)).toThrow(/review/);
    }
  });
});

describe('the priorities both sides share', () => {
  test('content words: case, punctuation, common words and plurals left out', () => {
    expect([...contentWords('Better onboarding for partners!')]).toEqual(['onboarding', 'partner']);
    expect([...contentWords('Process & access')]).toEqual(['process', 'access']);
    expect(samePriority(contentWords('Security review'), contentWords('Shared security review'))).toBe(true);
    expect(samePriority(contentWords('Launch in Japan'), contentWords('Launch in Brazil'))).toBe(false);
    expect(samePriority(contentWords('the'), contentWords('the'))).toBe(false);
  });

  test('known answers: shared groups first, each side’s own after, one wording each', () => {
    const groups = groupPriorities([
      { side: 'acme', text: 'Faster partner onboarding' },
      { side: 'acme', text: 'Better onboarding for partners' },
      { side: 'acme', text: 'Hiring plan' },
      { side: 'globex', text: 'Partner onboarding speed' },
      { side: 'globex', text: 'Launch in Japan' },
      { side: 'globex', text: 'Security review' },
      { side: 'acme', text: 'Shared security review' },
      { side: 'acme', text: 'hiring plan' },
    ]);
    expect(groups).toEqual([
      {
        text: 'Partner onboarding speed',
        bySide: [
          { side: 'acme', mentions: 2 },
          { side: 'globex', mentions: 1 },
        ],
        shared: true,
      },
      {
        text: 'Security review',
        bySide: [
          { side: 'acme', mentions: 1 },
          { side: 'globex', mentions: 1 },
        ],
        shared: true,
      },
      { text: 'Hiring plan', bySide: [{ side: 'acme', mentions: 2 }], shared: false },
      { text: 'Launch in Japan', bySide: [{ side: 'globex', mentions: 1 }], shared: false },
    ]);
  });

  test('nothing named twice, nothing shared; nothing named, no groups', () => {
    expect(groupPriorities([]).length).toBe(0);
    expect(
      groupPriorities([
        { side: 'acme', text: 'Cost' },
        { side: 'globex', text: 'Speed' },
      ]).every((g) => !g.shared),
    ).toBe(true);
  });
});

describe('the answer form', () => {
  test('at least one priority, each within its length; blanks between are dropped', () => {
    expect(
      parseReviewForm({ priority1: ' ', priority2: 'Speed', priority3: null, helped: '', change: 'Less' }),
    ).toEqual({
      ok: true,
      answer: { priorities: ['Speed'], helped: null, change: 'Less' },
    });
    expect(parseReviewForm({})).toEqual({ ok: false, errors: { priority1: 'Name at least one priority.' } });
    const long = parseReviewForm({ priority1: 'x'.repeat(201), change: 'y'.repeat(501) });
    expect(long).toEqual({
      ok: false,
      errors: {
        priority1: 'Up to 200 characters; this is 201.',
        change: 'Up to 500 characters; this is 501.',
      },
    });
  });

  test('a forged button value is no review', () => {
    expect(decodeReviewRef('12:2027-01-04')).toEqual({ ritualId: 12, reviewDate: '2027-01-04' });
    for (const value of ['', '12', '0:2027-01-04', '12:2027-13-45', 'x:2027-01-04', '12:2027-01-04;drop']) {
      expect(decodeReviewRef(value)).toBeUndefined();
    }
  });
});

describe('the pack', () => {
  const pack: ReviewPack = {
    channelId: 'C0ALLIANCE',
    reviewDate: '2027-01-04',
    cadence: 'quarterly',
    since: '2026-10-04',
    answered: 3,
    priorities: [
      {
        text: 'Onboarding',
        bySide: [
          { side: 'T1', mentions: 2 },
          { side: 'T2', mentions: 1 },
        ],
        shared: true,
      },
      { text: '<!channel> *bold*', bySide: [{ side: 'T2', mentions: 1 }], shared: false },
    ],
    said: [{ side: 'T1', helped: ['The intro'], change: [] }],
    trend: [
      { end: '2026-10-12T09:00:00.000Z', score: 58.4 },
      { end: '2026-10-19T09:00:00.000Z', score: null },
      { end: '2026-12-28T09:00:00.000Z', score: 71.2 },
    ],
    gives: [],
    actions: {
      items: [{ ownerId: 'U0BEN00002', body: 'Draft the checklist', dueOn: '2027-01-15' }],
      total: 12,
    },
    decisions: {
      items: [{ decision: 'Use one tracker', ownerId: 'U0ANA00001', reviewDate: '2027-01-01' }],
      total: 1,
    },
    charter: { goal: 'Ship the integration together', metrics: null, version: 3 },
    sideNames: { T1: 'Northwind', T2: 'Globex' },
  };

  test('shows each list with its counts, the trend, and the outcome buttons; user text escaped', () => {
    const text = JSON.stringify(reviewPack(pack).blocks);
    expect(text).toContain('*Onboarding*: Northwind 2 · Globex 1');
    expect(text).toContain('&lt;!channel&gt; *bold*');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('Health score 58 → *71* ▲ 13 over 2 stored weeks');
    expect(text).toContain(
      'Open action items (12)*\\n• <@U0BEN00002> Draft the checklist (due 15 Jan 2027)\\n_…and 11 more_',
    );
    expect(text).toContain('Use one tracker, owned by <@U0ANA00001> (review on 1 Jan 2027)');
    expect(text).toContain('*Shared goal:* Ship the integration together');
    expect(text).toContain('"action_id":"charter_edit"');
    expect(text).toContain('"action_id":"review_log_decision"');
    expect(text).toContain('"action_id":"review_add_action"');
  });
});
