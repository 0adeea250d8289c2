import type { Queryable } from '../db/database.js';
import { givesOfChannel } from '../db/repos/gives.js';
import { storedPeriodsBetween } from '../db/repos/health-periods.js';
import {
  confirmedCreditsBetween,
  debriefLessonsBetween,
  decisionsBetween,
  peopleNames,
  reviewRemarksBetween,
} from '../db/repos/report.js';
import { type Flow as GiveFlow, flowsOf } from '../gives/ledger-summary.js';
import { periodInputs } from '../health/period-inputs.js';
import type { Flow, PillarId } from '../health/pillars.js';
import { meanOfPresent } from '../health/scorecard.js';
import { type SideNames, sideNamesOf } from '../health/side-names.js';
import type { ReportPeriod } from './report-period.js';

/**
 * Everything the impact report says about one channel and one period, read from what the rituals
 * recorded: the same counts as the scorecard and the export, people by name, and never anything
 * anonymous by itself (pulse results only as the scorecard keeps them, aggregates of 3 or more).
 */
export type ReportData = {
  channelId: string;
  period: ReportPeriod;
  generatedAt: Date;
  /** Each stored week of the period, and the mean of the weeks that have data. */
  health: {
    weeks: { end: Date; score: number | null; pillars: Record<PillarId, number | null> }[];
    mean: { score: number | null; pillars: Record<PillarId, number | null> };
  };
  /** Delivered work: each confirmed credit, with everyone who confirmed their part. */
  credits: {
    deliverable: string;
    link: string | null;
    contributors: { name: string; contribution: string | null }[];
  }[];
  /** What each side gave the other, confirmed value in its own units. */
  value: GiveFlow[];
  /** Kudos in the period: how many, how many crossed sides each way, and how widely they reached (never who got most). */
  kudos: { total: number; flows: Flow[]; recognised: number; active: number };
  decisions: { decision: string; owner: string; on: Date }[];
  retros: { held: number; scheduled: number };
  actions: { completed: number; due: number; doneOnTime: number };
  worked: string[];
  change: string[];
  sideNames: SideNames;
};

const PILLAR_IDS: PillarId[] = ['collaboration', 'value', 'trust'];

export async function reportData(
  q: Queryable,
  r: { teamId: string; channelId: string; period: ReportPeriod; now: Date },
): Promise<ReportData> {
  const s = { teamId: r.teamId, channelId: r.channelId, start: r.period.start, end: r.period.end };
  const weeks = (await storedPeriodsBetween(q, r.teamId, r.channelId, r.period.start, r.period.end)).filter(
    (w) => w.end > r.period.start,
  );
  const inputs = await periodInputs(q, s);
  const credits = await confirmedCreditsBetween(q, s);
  const decisions = await decisionsBetween(q, s);
  const value = flowsOf(await givesOfChannel(q, { ...s, since: s.start, until: s.end }));
  const remarks = await reviewRemarksBetween(q, s);
  const lessons = await debriefLessonsBetween(q, s);
  const ids = [
    ...credits.flatMap((c) => c.contributors.map((p) => p.contributor_id)),
    ...decisions.map((d) => d.owner_id),
  ];
  const names = await peopleNames(q, r.teamId, [...new Set(ids)]);
  const nameOf = (id: string) => names.get(id) ?? id;
  const sides = [
    ...inputs.kudosFlows.flatMap((f) => [f.from, f.to]),
    ...value.flatMap((f) => [f.from, f.to]),
  ];
  return {
    channelId: r.channelId,
    period: r.period,
    generatedAt: r.now,
    health: {
      weeks: weeks.map((w) => ({ end: w.end, score: w.score, pillars: w.pillars })),
      mean: {
        score: meanOfPresent(weeks.map((w) => w.score)),
        pillars: Object.fromEntries(
          PILLAR_IDS.map((p) => [p, meanOfPresent(weeks.map((w) => w.pillars[p] ?? null))]),
        ) as Record<PillarId, number | null>,
      },
    },
    credits: credits.map((c) => ({
      deliverable: c.deliverable,
      link: c.link,
      contributors: c.contributors.map((p) => ({
        name: nameOf(p.contributor_id),
        contribution: p.contribution,
      })),
    })),
    value,
    kudos: {
      total: inputs.kudosReceived.reduce((n, k) => n + k, 0),
      flows: inputs.kudosFlows.filter((f) => f.from !== f.to),
      recognised: inputs.kudosReceived.filter((n) => n > 0).length,
      active: inputs.kudosReceived.length,
    },
    decisions: decisions.map((d) => ({ decision: d.decision, owner: nameOf(d.owner_id), on: d.created_at })),
    retros: inputs.retros,
    actions: inputs.actions,
    worked: [
      ...remarks.flatMap((m) => (m.helped ? [m.helped] : [])),
      ...lessons.map((l) => `${l.project}: ${l.lessons}`),
    ],
    change: remarks.flatMap((m) => (m.change ? [m.change] : [])),
    sideNames: await sideNamesOf(q, r.teamId, [
      { sides: [...new Set(sides)], kudosFlows: [], creditFlows: [] },
    ]),
  };
}
