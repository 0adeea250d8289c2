import { isDatabaseUnavailable } from './unavailable.js';

/**
 * Group commit: what arrives while writes are under way is written together by the next one, so
 * under load many items share one statement and one commit, and at low load an item is written at
 * once, without waiting for company. A few writes may run at once, so one commit's wait for the
 * disk does not stall everyone. Each caller's promise settles when its own item's write has
 * committed or failed, so nothing is acknowledged before it is stored. A batch that fails for a
 * reason other than the database being unavailable is written again item by item, so one bad item
 * never fails the good ones written with it.
 */
export type GroupCommit<T> = { write(item: T): Promise<void> };

export function createGroupCommit<T>(
  writeAll: (items: T[]) => Promise<void>,
  options: { maxItems: number; maxConcurrentWrites: number },
): GroupCommit<T> {
  type Waiting = { item: T; resolve: () => void; reject: (error: unknown) => void };
  const queue: Waiting[] = [];
  let writing = 0;

  const writeAlone = async (w: Waiting) => {
    try {
      await writeAll([w.item]);
      w.resolve();
    } catch (error) {
      w.reject(error);
    }
  };

  const drain = async () => {
    if (writing >= options.maxConcurrentWrites) return;
    writing += 1;
    while (queue.length > 0) {
      const batch = queue.splice(0, options.maxItems);
      try {
        await writeAll(batch.map((w) => w.item));
        for (const w of batch) w.resolve();
      } catch (error) {
        if (batch.length === 1 || isDatabaseUnavailable(error)) {
          // The database is away: all fail together; Slack retries each, in other batches.
          for (const w of batch) w.reject(error);
        } else {
          // One item broke the statement: each is written alone, so only that one fails.
          for (const w of batch) await writeAlone(w);
        }
      }
    }
    writing -= 1;
  };

  return {
    write(item) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        void drain();
      });
    },
  };
}
