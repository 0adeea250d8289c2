import type { ActionItemRow } from '../../src/db/repos/action-items.js';
import type { ContributorRow, CreditRow, ListedCredit, PersonCreditRow } from '../../src/db/repos/credits.js';
import type { DebriefRow } from '../../src/db/repos/debriefs.js';
import type { DecisionRow } from '../../src/db/repos/decisions.js';
import type { GivenKudos } from '../../src/db/repos/kudos.js';
import type { OwnNote, RetroRow, SharedNote } from '../../src/db/repos/retros.js';
import type { RitualRow } from '../../src/db/repos/rituals.js';
import type { StoredPeriod } from '../../src/db/repos/health-periods.js';
import type { Digest } from '../../src/health/digest.js';
import type { PeriodInputs } from '../../src/health/pillars.js';
import { scorecardOf } from '../../src/health/scorecard.js';
import type { HomeDashboard } from '../../src/home/home-service.js';
import type { RitualView } from '../../src/rituals/rituals-service.js';
import { DEFAULT_STANDUP_QUESTIONS } from '../../src/rituals/kinds.js';
import type { RitualSettings } from '../../src/rituals/settings.js';
import { scheduleOf } from '../../src/rituals/schedule.js';
import type { DaySummary } from '../../src/standups/day-summary.js';
import type { CharterVersion } from '../../src/charter/charter-views.js';

/**
 * Realistic rows and inputs for Rapport's view builders, and the same at the limits Rapport's own
 * tests push, for the playground's Block Kit tests.
 */

/** The playground's workspace: names by id. */
export const PEOPLE: Record<string, string> = {
  U0ANA00001: 'ana',
  U0BEN00002: 'ben',
  U0CY000003: 'cy',
  U0DEV00004: 'dev',
};
export const CHANNELS: Record<string, string> = { C0LAUNCH01: 'launch', C0DESIGN02: 'design' };

export const [ANA, BEN, CY, DEV] = Object.keys(PEOPLE) as [string, string, string, string];
export const LAUNCH = 'C0LAUNCH01';
export const NOW = new Date('2026-11-20T09:00:00Z');
export const long = (n: number, word = 'long ') => word.repeat(Math.ceil(n / word.length)).slice(0, n);
export const many = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));
export const person = (i: number) => `U${String(i).padStart(9, '0')}`;

export const actionItem = (i: number, body = `Write the launch checklist ${i}`): ActionItemRow => ({
  id: i + 1,
  channel_id: LAUNCH,
  owner_id: BEN,
  body,
  due_on: i % 2 === 0 ? '2026-12-04' : null,
  done_at: null,
});
export const credit: CreditRow = {
  id: 7,
  team_id: 'T1',
  channel_id: LAUNCH,
  deliverable: 'Q3 launch review',
  link: 'https://example.com/q3?tab=1&view=2',
  given_by: ANA,
  revision: 1,
  created_at: NOW,
};
export const contributor = (i: number, status: ContributorRow['status'] = 'unconfirmed'): ContributorRow => ({
  id: 70 + i,
  team_id: 'T1',
  credit_id: 7,
  contributor_id: [BEN, CY, DEV][i % 3] ?? BEN,
  contribution: i === 0 ? 'Ran the research <and> the interviews' : null,
  status,
  corrected: false,
});
export const decision: DecisionRow = {
  id: 12,
  team_id: 'T1',
  channel_id: LAUNCH,
  source_ts: '1763628000.000100',
  source_thread_ts: null,
  source_permalink: 'https://example.slack.com/archives/C0LAUNCH01/p1763628000000100',
  decision: 'Ship the beta on Monday',
  owner_id: ANA,
  rationale: 'The fixes are in & tested',
  consulted: [BEN, CY],
  review_date: '2027-01-15',
  logged_by: BEN,
  message_ts: null,
  created_at: NOW,
  updated_at: NOW,
  updated_by: BEN,
};
export const ritualRow = (id: number, kind: RitualRow['kind'] = 'standup'): RitualRow => ({
  id,
  team_id: 'T1',
  channel_id: LAUNCH,
  kind,
  days: [1, 2, 3, 4, 5],
  cadence: 'weekly',
  starts_on: null,
  time_of_day: '09:30',
  zone: 'local',
  questions: [...DEFAULT_STANDUP_QUESTIONS],
  participants: id % 2 === 0 ? [ANA, BEN] : null,
  close_after_minutes: 180,
  reminder_before_close_minutes: 60,
  lead_minutes: 0,
  paused: false,
  created_by: ANA,
  created_at: NOW,
});
export const ritualView = (id: number): RitualView => {
  const row = ritualRow(id);
  return {
    ...row,
    schedule: scheduleOf(row),
    next: { localDate: '2026-11-23', at: new Date('2026-11-23T08:30:00Z') },
  };
};
export const settings: RitualSettings = {
  kind: 'standup',
  days: [1, 3, 5],
  cadence: 'biweekly',
  time: '09:30',
  zone: 'Europe/Berlin',
  questions: [...DEFAULT_STANDUP_QUESTIONS],
  participants: [ANA, BEN],
  closeAfterMinutes: 150,
  reminderBeforeCloseMinutes: 45,
};
export const inputs = (scale: number): PeriodInputs => ({
  checkins: { expected: 20 * scale, answered: 11 * scale, onTime: 9 * scale },
  blockers: { raised: 3 * scale, episodes: 2 * scale, meanOpenDays: 3.5 },
  retros: { scheduled: 1, held: 1 },
  credits: { deliverables: 2 * scale, contributors: 4 * scale, confirmed: 3 * scale },
  actions: { due: 4 * scale, doneOnTime: scale, completed: 2 * scale },
  pulse: many(scale === 1 ? 2 : 10, (i) => ({
    statement: `We trust each other ${long(scale === 1 ? 10 : 500)} ${i}`,
    mean: 3.5,
  })),
  kudosReceived: many(8 * scale, (i) => i % 3),
  usesKudos: true,
  sides: many(scale === 1 ? 2 : 10, (i) => `side ${i}`),
  kudosFlows: [{ from: 'side 0', to: 'side 1', count: 4 * scale }],
  creditFlows: [],
  gives: { asked: 0, confirmed: 0 },
  giveFlows: [],
  connections: {
    pairsRitual: true,
    joined: 6 * scale,
    possible: 9 * scale * scale,
    met: 4 * scale,
    meetings: 5 * scale,
  },
  escalations: { settled: 3 * scale, inTime: 2 * scale },
  responsiveness: null,
});
export const period = (end: string, scale = 1): StoredPeriod => {
  const i = inputs(scale);
  const endDate = new Date(end);
  return { ...scorecardOf(i), inputs: i, start: new Date(endDate.getTime() - 7 * 86_400_000), end: endDate };
};
export const digest = (scale: number): Digest => {
  const n = scale === 1 ? 2 : 1000;
  const text = (i: number) =>
    scale === 1 ? `for the clear incident write-up ${i}` : `${long(3000, 'reason *<&> ')}${i}`;
  const action = (i: number) => ({ ownerId: person(i), body: text(i), dueOn: '2026-11-18' });
  return {
    channelId: LAUNCH,
    sideNames: { T0RAPPORT1: 'Northwind', T0GLOBEX01: 'Globex' },
    current: period('2026-11-23T00:00:00Z', scale),
    previous: period('2026-11-16T00:00:00Z', scale),
    trend: [],
    valueGiven: { quarter: '2026-Q4', flows: [] },
    highlights: {
      kudos: {
        items: many(Math.min(n, 5), (i) => ({
          giverId: ANA,
          receiverIds: many(scale === 1 ? 1 : 30, person),
          reason: text(i),
        })),
        total: n,
      },
      credits: {
        items: many(Math.min(n, 5), (i) => ({
          deliverable: text(i),
          link: `https://example.com/${i}?a=1&b=2`,
          contributorIds: [BEN],
        })),
        total: n,
      },
      actionsDone: { items: many(Math.min(n, 5), action), total: n },
    },
    attention: {
      overdue: { items: many(Math.min(n, 5), action), total: n },
      blockers: {
        items: many(Math.min(n, 5), (i) => ({ userId: person(i), since: '2026-11-12' })),
        total: n,
      },
    },
  };
};
export const home = (full: boolean): HomeDashboard => ({
  userId: ANA,
  unread: [],
  kudos: {
    receivedRecent: full ? 40 : 0,
    receivedAll: full ? 400 : 0,
    givenRecent: full ? 12 : 0,
    givenAll: full ? 90 : 0,
    latestReceived: full
      ? many(3, (i) => ({
          giver_id: BEN,
          channel_id: LAUNCH,
          source: 'command' as const,
          reason: i === 0 ? long(500) : null,
          emoji: 'clap',
          created_at: NOW,
        }))
      : [],
  },
  credits: {
    credits: full
      ? many(8, (i) => ({
          contributorRowId: 100 + i,
          creditId: i,
          channelId: LAUNCH,
          deliverable: `Deliverable ${i} ${long(140)}`,
          link: i % 2 ? 'https://example.com/d' : null,
          givenBy: BEN,
          contribution: long(500),
          status: i < 4 ? ('unconfirmed' as const) : ('confirmed' as const),
          createdAt: NOW,
        }))
      : [],
    total: full ? 30 : 0,
    waiting: full ? 4 : 0,
  },
  kudosDms: full,
  actionItems: full
    ? { items: many(10, (i) => actionItem(i, long(1000))), total: 25 }
    : { items: [], total: 0 },
  upcoming: full
    ? many(5, (i) => ({
        ritual_id: i,
        kind: 'standup' as const,
        channel_id: LAUNCH,
        next_at: NOW,
        zone: 'local',
      }))
    : [],
  awayUntil: full ? '2026-12-01' : undefined,
  channels: full
    ? many(11, (i) => ({
        channel_id: `C${i}`,
        kinds: ['standup' as const, 'retro' as const],
        health: { score: 71.6, periodEnd: NOW },
      }))
    : [],
  zone: full
    ? { zone: 'America/Argentina/Buenos_Aires', source: 'assumed' }
    : { zone: 'UTC', source: 'slack' },
});
export const daySummary = (n: number): DaySummary => ({
  localDate: '2026-11-20',
  answered: many(n, person),
  skipped: many(Math.ceil(n / 10), (i) => person(n + i)),
  away: [CY],
  noAnswer: many(Math.ceil(n / 5), (i) => person(2 * n + i)),
  blockers: many(Math.min(n, 100), (i) => ({
    userId: person(i),
    text: n > 10 ? long(3000) : 'Waiting for the API keys',
    carriedOverDays: i % 2 ? 3 : undefined,
  })),
});
export const note = (i: number, body: string): SharedNote => ({
  id: i,
  category: (['went_well', 'to_improve', 'idea'] as const)[i % 3] ?? 'idea',
  body,
  shared_author_id: i % 4 === 0 ? BEN : null,
});
export const ownNote = (i: number): OwnNote => ({
  id: i,
  retro_id: 3,
  category: 'to_improve',
  body: `Reviews were slow ${long(i === 0 ? 3000 : 20)}`,
  share_name: i % 2 === 0,
});
export const retro: RetroRow = {
  id: 3,
  team_id: 'T1',
  channel_id: LAUNCH,
  title: 'Sprint 42',
  opened_at: NOW,
  closed_at: null,
  message_ts: null,
};
export const debrief = (i: number): DebriefRow => ({
  id: i,
  channel_id: LAUNCH,
  project: `Atlas ${i}`,
  lessons: i === 0 ? 'Start the security review earlier' : long(3000),
  assets: 'Launch checklist https://example.com/checklist\n\nRunbook https://example.com/runbook',
  created_by: CY,
  created_at: NOW,
});
export const kudos = (source: GivenKudos['source']): GivenKudos => ({
  id: 1,
  team_id: 'T1',
  giver_id: ANA,
  receiver_id: BEN,
  channel_id: LAUNCH,
  source,
  reason: 'for the clear incident write-up',
  emoji: null,
  message_ts: null,
});
export const charterText = (max: boolean) => ({
  goal: max ? long(1000) : 'Launch Atlas in Q1 together',
  metrics: max ? long(1000) : null,
  roles: max ? long(1500) : 'Ana owns the roadmap',
  decisionMaking: max ? long(1000) : null,
  escalation: max ? long(1000) : null,
  cadence: max ? long(300) : 'Weekly sync on Mondays',
});
export const charterVersion = (max: boolean): CharterVersion => ({
  channelId: LAUNCH,
  version: 3,
  text: charterText(max),
  savedBy: ANA,
  savedAt: NOW,
});
export const listedCredit = (i: number): ListedCredit => ({
  ...credit,
  id: i,
  deliverable: `Deliverable ${i}`,
  contributors: [
    { id: 1, contributor_id: BEN, contribution: long(500), status: 'confirmed', corrected: false },
  ],
});
export const personCredit = (i: number): PersonCreditRow => ({
  contributor_row_id: i,
  credit_id: i,
  channel_id: LAUNCH,
  deliverable: `Deliverable ${i}`,
  link: null,
  given_by: ANA,
  contribution: long(500),
  status: i % 2 ? 'confirmed' : 'unconfirmed',
  corrected: false,
  created_at: NOW,
});
export const statements = (n: number, length: number) =>
  many(n, (i) => `${long(length, 'We can say what we think ')} ${i}`);
