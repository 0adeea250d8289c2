/** ISO weekdays: 1 is Monday, 7 is Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Every week; every other week counted from the first run; or the first such weekday of a month. */
export type Cadence = 'weekly' | 'biweekly' | 'monthly';
export const CADENCES: readonly Cadence[] = ['weekly', 'biweekly', 'monthly'];
