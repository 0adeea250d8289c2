import type { SidedGive, ValueColumns } from '../db/repos/gives.js';
import { formatMoney, formatTime, type TimeUnit } from './give-value.js';

/**
 * What one side gave another in a period: how many gives, how many a receiver confirmed, and the
 * confirmed value in each unit it was given in (no conversion between hours and money, or between
 * currencies). A give's value counts once, when any of its receivers confirmed it: the value of
 * the latest confirmation, a receiver's own (Adjust) or the give's as given.
 */
export type Flow = {
  from: string;
  to: string;
  gives: number;
  confirmed: number;
  waiting: number;
  time: Partial<Record<TimeUnit, number>>;
  /** By currency, then saved or earned. */
  money: Record<string, { saved: number; earned: number }>;
  risk: { low: number; medium: number; high: number };
};

/** Every flow between sides (a side to itself too: the gives within one organisation), largest first. */
export function flowsOf(gives: readonly SidedGive[]): Flow[] {
  const flows = new Map<string, Flow>();
  for (const g of gives) {
    for (const to of g.to_sides) {
      const key = `${g.from_side}\u0000${to}`;
      const flow = flows.get(key) ?? emptyFlow(g.from_side, to);
      flows.set(key, flow);
      flow.gives += 1;
      const statuses = g.receivers.map((r) => r.status);
      if (statuses.includes('confirmed')) {
        flow.confirmed += 1;
        if (g.counted) addValue(flow, g.counted);
      } else if (statuses.includes('asked')) {
        flow.waiting += 1;
      }
    }
  }
  return [...flows.values()].sort((a, b) => b.gives - a.gives || a.from.localeCompare(b.from));
}

function emptyFlow(from: string, to: string): Flow {
  return {
    from,
    to,
    gives: 0,
    confirmed: 0,
    waiting: 0,
    time: {},
    money: {},
    risk: { low: 0, medium: 0, high: 0 },
  };
}

function addValue(flow: Flow, g: ValueColumns): void {
  if (g.time_amount !== null && g.time_unit) {
    flow.time[g.time_unit] = (flow.time[g.time_unit] ?? 0) + g.time_amount;
  }
  if (g.money_amount !== null && g.money_currency && g.money_direction) {
    const money = (flow.money[g.money_currency] ??= { saved: 0, earned: 0 });
    money[g.money_direction] += g.money_amount;
  }
  if (g.risk_reduced) flow.risk[g.risk_reduced] += 1;
}

/** The first instant of the calendar quarter (UTC) that holds `now`. */
export function quarterStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1));
}

/** "2026-Q4". */
export function quarterName(now: Date): string {
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
}

/** "2 gives, 1 confirmed; confirmed value: 3 days saved, $500 saved": one flow between sides. */
export function flowSummary(f: Flow): string {
  const counts = `${f.gives} give${f.gives === 1 ? '' : 's'}, ${f.confirmed} confirmed${f.waiting > 0 ? `, ${f.waiting} waiting` : ''}`;
  const values = [
    ...(Object.entries(f.time) as [TimeUnit, number][]).map(
      ([unit, amount]) => `${formatTime(amount, unit)} saved`,
    ),
    ...Object.entries(f.money).flatMap(([currency, m]) => [
      ...(m.saved > 0 ? [`${formatMoney(m.saved, currency)} saved`] : []),
      ...(m.earned > 0 ? [`${formatMoney(m.earned, currency)} earned`] : []),
    ]),
    ...(['high', 'medium', 'low'] as const)
      .filter((level) => f.risk[level] > 0)
      .map((level) => `${level} risk reduced ×${f.risk[level]}`),
  ];
  return values.length > 0 ? `${counts}; confirmed value: ${values.join(', ')}` : counts;
}
