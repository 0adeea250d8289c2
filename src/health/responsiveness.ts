import type { AskedThread, ResponsivenessInputs, SideWaits } from './pillars.js';
import { addWorkingMinutes, WORKDAY_MINUTES, workingMinutesBetween } from './working-hours.js';

export type { AskedThread, ResponsivenessInputs, SideWaits } from './pillars.js';

/**
 * Responsiveness across the boundary (docs/METRICS.md, "responsiveness"): how long a question or
 * request from one side waits, in working time, for its first reply from another side.
 */

/** A thread with no reply from another side within 5 working days counts as unanswered. */
export const ANSWER_WITHIN_WORKING_DAYS = 5;
/** The wait a channel scales against unless it sets its own: 4 working hours. */
export const DEFAULT_TARGET_MINUTES = 4 * 60;

/**
 * Where a thread settles: at its first reply from another side when that came within 5 working
 * days of the question (counted in the asker's zone), its wait counted in the replier's zone; else
 * at the end of those 5 days, unanswered.
 */
export function settle(t: AskedThread): { at: Date; minutes: number | null } {
  const deadline = addWorkingMinutes(t.askedAt, ANSWER_WITHIN_WORKING_DAYS * WORKDAY_MINUTES, t.askerZone);
  if (t.reply && t.reply.at.getTime() <= deadline.getTime()) {
    return {
      at: t.reply.at,
      minutes: Math.round(workingMinutesBetween(t.askedAt, t.reply.at, t.reply.zone)),
    };
  }
  return { at: deadline, minutes: null };
}

/** The waits of the threads that settled in [start, end), by the asking side, in side order. */
export function waitsOf(threads: readonly AskedThread[], period: { start: Date; end: Date }): SideWaits[] {
  const bySide = new Map<string, (number | null)[]>();
  for (const t of threads) {
    const settled = settle(t);
    if (settled.at < period.start || settled.at >= period.end) continue;
    bySide.set(t.askerSide, [...(bySide.get(t.askerSide) ?? []), settled.minutes]);
  }
  return [...bySide.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([side, minutes]) => ({ side, minutes }));
}

/**
 * The nearest-rank percentile of the waits, an unanswered question counting as longer than any
 * wait: null when the percentile falls on an unanswered one.
 */
export function percentile(minutes: readonly (number | null)[], p: number): number | null {
  const sorted = [...minutes].sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b));
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? null;
}

export type SideSummary = {
  side: string;
  asked: number;
  unanswered: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
};

export function summaryOf(w: SideWaits): SideSummary {
  return {
    side: w.side,
    asked: w.minutes.length,
    unanswered: w.minutes.filter((m) => m === null).length,
    medianMinutes: percentile(w.minutes, 0.5),
    p90Minutes: percentile(w.minutes, 0.9),
  };
}

/**
 * The metric, 0–1: each question scores 1 when answered within the target, target ÷ wait when
 * later, 0 when unanswered; a side's score is its questions' mean; the metric, the mean of the
 * sides' (so a quiet side weighs as much as a busy one). No data when off or nothing settled.
 */
export function responsivenessScore(r: ResponsivenessInputs | null): number | null {
  if (!r) return null;
  const sides = r.waits.filter((w) => w.minutes.length > 0);
  if (sides.length === 0) return null;
  const threadScore = (m: number | null) => (m === null ? 0 : m <= r.targetMinutes ? 1 : r.targetMinutes / m);
  const sideScores = sides.map(
    (w) => w.minutes.reduce<number>((s, m) => s + threadScore(m), 0) / w.minutes.length,
  );
  return sideScores.reduce((a, b) => a + b, 0) / sideScores.length;
}
