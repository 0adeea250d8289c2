/**
 * Group commit: what arrives while writes are under way is written together by the next one, so
 * under load many items share one statement and one commit, and at low load an item is written at
 * once, without waiting for company. A few writes may run at once, so one commit's wait for the
 * disk does not stall everyone. Each caller's promise settles when its own item's write has
 * committed or failed, so nothing is acknowledged before it is stored.
 */
export type GroupCommit<T> = { write(item: T): Promise<void> };

export function createGroupCommit<T>(
  writeAll: (items: T[]) => Promise<void>,
  options: { maxItems: number; maxConcurrentWrites: number },
): GroupCommit<T> {
  type Waiting = { item: T; resolve: () => void; reject: (error: unknown) => void };
  const queue: Waiting[] = [];
  let writing = 0;

  const drain = async () => {
    if (writing >= options.maxConcurrentWrites) return;
    writing += 1;
    while (queue.length > 0) {
      const batch = queue.splice(0, options.maxItems);
      try {
        await writeAll(batch.map((w) => w.item));
        for (const w of batch) w.resolve();
      } catch (error) {
        // All fail together; Slack retries each, and the retries are written in other batches.
        for (const w of batch) w.reject(error);
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
