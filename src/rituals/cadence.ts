/** ISO weekdays: 1 is Monday, 7 is Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * Every week; every other week counted from the first run; the first such weekday of a month; or
 * the first such weekday of a quarter (January, April, July, October).
 */
export type Cadence = 'weekly' | 'biweekly' | 'monthly' | 'quarterly';
export const CADENCES: readonly Cadence[] = ['weekly', 'biweekly', 'monthly', 'quarterly'];
/** The months a quarterly ritual runs in. */
export const QUARTER_MONTHS: readonly number[] = [1, 4, 7, 10];
