import { DateTime } from 'luxon';
import type { DayPerson } from '../db/repos/standups.js';
import { isBlockerQuestion } from './checkin.js';

export type Blocker = {
  userId: string;
  /** What they wrote under the blocker question. */
  text: string;
  /** Days since the same person first raised it, when they raised one at their previous check-in too. */
  carriedOverDays: number | undefined;
};

/** Who answered, skipped, was away or did not answer on a stand-up day, and the blockers raised. */
export type DaySummary = {
  localDate: string;
  answered: string[];
  skipped: string[];
  away: string[];
  noAnswer: string[];
  blockers: Blocker[];
};

/** Sorts the day's people into what the header shows. A check-in counts over an away day. */
export function summariseDay(localDate: string, people: readonly DayPerson[]): DaySummary {
  const summary: DaySummary = { localDate, answered: [], skipped: [], away: [], noAnswer: [], blockers: [] };
  for (const person of people) {
    if (person.checkin === 'answered') summary.answered.push(person.user_id);
    else if (person.checkin === 'skipped') summary.skipped.push(person.user_id);
    else if (person.occurrence === 'away') summary.away.push(person.user_id);
    else summary.noAnswer.push(person.user_id);
    if (person.checkin === 'answered' && person.blocker) {
      summary.blockers.push({
        userId: person.user_id,
        text: person.answers.find((a) => isBlockerQuestion(a.question))?.answer ?? '',
        carriedOverDays: person.blocker_since ? daysBetween(person.blocker_since, localDate) : undefined,
      });
    }
  }
  return summary;
}

function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days);
}
