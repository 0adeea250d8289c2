import type { Logger } from '../logger.js';

/**
 * Work that follows an acknowledgement (posting a message, a DM) runs here, off the request's
 * critical path. Shutdown drains it, so a SIGTERM does not cut a post in half.
 */
export type Background = {
  run(name: string, work: () => Promise<unknown>): void;
  drain(): Promise<void>;
};

export function createBackground(log: Logger): Background {
  const running = new Set<Promise<unknown>>();
  return {
    run(name, work) {
      const task = (async () => {
        try {
          await work();
        } catch (error) {
          log.error({ err: error, task: name }, 'background task failed');
        }
      })();
      running.add(task);
      void task.finally(() => running.delete(task));
    },
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
