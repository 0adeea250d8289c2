import type { Clock } from '../clock.js';

/**
 * The playground's time: the real time moved on by however much the page asked, so stand-ups,
 * reminders, retros closing and the weekly digest can be seen without waiting. It only moves
 * forward; the app never sees time go back.
 */
export class PlaygroundClock implements Clock {
  private offsetMs = 0;

  /** How far ahead of the real time the playground is, in ms: it changes only when moved on. */
  get aheadMs(): number {
    return this.offsetMs;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves time forward by `ms` (nothing for zero or less). */
  advance(ms: number): void {
    if (ms > 0) this.offsetMs += ms;
  }

  /** Moves time forward to `to`, if that is still ahead. */
  advanceTo(to: Date): void {
    this.advance(to.getTime() - this.now().getTime());
  }
}
