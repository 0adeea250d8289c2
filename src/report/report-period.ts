import { UserError } from '../errors.js';

/** The period a report covers: [start, end), its name, and whether it is still going on. */
export type ReportPeriod = { name: string; start: Date; end: Date; toDate: boolean };

export const PERIOD_EXAMPLE = '`quarter`, `year`, `2026-Q4` or `2026`';

/**
 * "quarter" or "year" (the current one, to now), "2026-Q4" or "2026" (calendar quarters and years,
 * in UTC, as the give ledger counts them). A period still going on ends now; one in the future is
 * refused.
 */
export function parseReportPeriod(text: string, now: Date): ReportPeriod {
  const t = text.trim().toLowerCase();
  const year = now.getUTCFullYear();
  const quarter = Math.floor(now.getUTCMonth() / 3) + 1;
  const m = /^(\d{4})(?:-q([1-4]))?$/.exec(t);
  const [y, q] =
    t === '' || t === 'quarter'
      ? [year, quarter]
      : t === 'year'
        ? [year, undefined]
        : m
          ? [Number(m[1]), m[2] ? Number(m[2]) : undefined]
          : [NaN, undefined];
  if (!Number.isFinite(y))
    throw new UserError(`“${text.slice(0, 30)}” is not a period I know. Try ${PERIOD_EXAMPLE}.`);
  const start = new Date(Date.UTC(y, q === undefined ? 0 : (q - 1) * 3, 1));
  const fullEnd = new Date(Date.UTC(q === undefined ? y + 1 : y, q === undefined ? 0 : q * 3, 1));
  if (start > now) throw new UserError(`${q === undefined ? y : `${y}-Q${q}`} has not begun yet.`);
  const toDate = fullEnd > now;
  return { name: q === undefined ? String(y) : `${y}-Q${q}`, start, end: toDate ? now : fullEnd, toDate };
}
