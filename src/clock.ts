/** Time, passed in so tests and the scheduler can control it. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };
