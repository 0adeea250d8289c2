import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { RitualRunners } from './ritual-kind.js';
import { runTick, type TickResult } from './tick.js';

export type Jobs = {
  /** Claims due occurrences and queues their messages. */
  tick(): Promise<unknown>;
  /** One delivery pass over the outbox. */
  deliver(): Promise<unknown>;
  /**
   * Starts the clock: a tick every minute, and delivery every second as a fallback (the outbox
   * delivers as soon as a message is committed; this catches what comes due later, and retries).
   */
  start(): void;
  /**
   * Forgets which conversations got a message in the last second: for a clock set back to an
   * instant already served (tests replaying a day), not needed as time moves on.
   */
  forgetPacing(): void;
  /** Stops the clock and waits for the job under way, if any. */
  stop(): Promise<void>;
};

/**
 * The tick only ticks; the database decides. node-cron calls the jobs; a job still running when
 * its next turn comes is not started twice in this process, and the claims in Postgres keep
 * replicas from doing the same work.
 */
export function createJobs(deps: {
  db: Database;
  clock: Clock;
  log: Logger;
  kinds: RitualRunners;
  /** The outbox's delivery pass, which the scheduler only calls: the outbox lives at the Slack edge. */
  outbox: { deliver(): Promise<unknown>; forgetPacing(): void };
  /** Run every hour: keeps what the rituals show but do not fetch fresh (workspaces' names). */
  hourly?: () => Promise<unknown>;
  /** Run after each tick, each claiming its own work in Postgres (escalations past their target). */
  everyTick?: readonly (() => Promise<unknown>)[];
  /** Told of each tick (its result, undefined when it failed, and seconds) and each occurrence's lateness. */
  observe?: {
    tick(result: TickResult | undefined, seconds: number): void;
    occurrenceLateness(seconds: number): void;
  };
}): Jobs {
  const log = deps.log.child({ component: 'scheduler' });
  const running = new Map<string, Promise<unknown>>();
  const once = (name: string, job: () => Promise<unknown>) => () => {
    const current = running.get(name);
    if (current) return current;
    const run = job()
      .catch((error: unknown) =>
        log.error({ err: error, job: name }, 'job failed; it runs again at its next turn'),
      )
      .finally(() => running.delete(name));
    running.set(name, run);
    return run;
  };
  const lateness = deps.observe && ((seconds: number) => deps.observe?.occurrenceLateness(seconds));
  const tick = once('tick', async () => {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let result: TickResult;
    try {
      result = await runTick({ db: deps.db, clock: deps.clock, log, kinds: deps.kinds, lateness });
      for (const job of deps.everyTick ?? []) await job();
    } catch (error) {
      deps.observe?.tick(undefined, seconds());
      throw error;
    }
    deps.observe?.tick(result, seconds());
    return result;
  });
  // The outbox runs one pass at a time itself, and a call during a pass gets the pass after it.
  const deliver = () => deps.outbox.deliver();
  const tasks: ScheduledTask[] = [];
  return {
    tick,
    deliver,
    forgetPacing: () => deps.outbox.forgetPacing(),
    start() {
      tasks.push(
        cron.schedule('* * * * *', () => void tick()),
        cron.schedule('* * * * * *', () => void once('deliver', deliver)()),
      );
      const hourly = deps.hourly;
      if (hourly) {
        tasks.push(cron.schedule('7 * * * *', () => void once('hourly', hourly)()));
        void once('hourly', hourly)();
      }
      void tick();
    },
    async stop() {
      for (const task of tasks.splice(0)) await task.stop();
      await Promise.allSettled(running.values());
    },
  };
}
