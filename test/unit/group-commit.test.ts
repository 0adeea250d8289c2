import { expect, test } from '@jest/globals';
import { createGroupCommit } from '../../src/db/group-commit.js';

test('items arriving during a write share the next write; each caller waits for its own', async () => {
  const writes: number[][] = [];
  let release: () => void = () => {};
  const group = createGroupCommit<number>(
    async (items) => {
      writes.push(items);
      if (writes.length === 1) await new Promise<void>((r) => (release = r));
    },
    { maxItems: 3, maxConcurrentWrites: 1 },
  );
  const first = group.write(1);
  const rest = [2, 3, 4, 5].map((n) => group.write(n));
  let restDone = false;
  void Promise.all(rest).then(() => (restDone = true));
  await new Promise((r) => setTimeout(r, 20));
  expect(writes).toEqual([[1]]);
  expect(restDone).toBe(false);
  release();
  await first;
  await Promise.all(rest);
  expect(writes).toEqual([[1], [2, 3, 4], [5]]);
});

test('a failed write fails every item in it, and later writes go on', async () => {
  let fail = true;
  const group = createGroupCommit<string>(
    async () => {
      if (fail) throw new Error('database is down');
    },
    { maxItems: 10, maxConcurrentWrites: 1 },
  );
  await expect(group.write('a')).rejects.toThrow('database is down');
  fail = false;
  await expect(group.write('b')).resolves.toBeUndefined();
});

test('one item that breaks a batch fails alone: the others are written one by one and succeed', async () => {
  const writes: string[][] = [];
  let release: () => void = () => {};
  const group = createGroupCommit<string>(
    async (items) => {
      writes.push(items);
      if (writes.length === 1) await new Promise<void>((r) => (release = r));
      if (items.includes('poison')) throw new Error('invalid input syntax for type numeric: "poison"');
    },
    { maxItems: 10, maxConcurrentWrites: 1 },
  );
  const first = group.write('first');
  const outcomes = Promise.allSettled(['a', 'poison', 'b'].map((item) => group.write(item)));
  await new Promise((r) => setTimeout(r, 20));
  release();
  await first;
  expect((await outcomes).map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect(writes).toEqual([['first'], ['a', 'poison', 'b'], ['a'], ['poison'], ['b']]);
});

test('a batch that fails because the database is unavailable fails together, without a write per item', async () => {
  const writes: string[][] = [];
  let release: () => void = () => {};
  const group = createGroupCommit<string>(
    async (items) => {
      writes.push(items);
      if (writes.length === 1) return new Promise<void>((r) => (release = r));
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    },
    { maxItems: 10, maxConcurrentWrites: 1 },
  );
  const first = group.write('first');
  const outcomes = Promise.allSettled(['a', 'b', 'c'].map((item) => group.write(item)));
  await new Promise((r) => setTimeout(r, 20));
  release();
  await first;
  expect((await outcomes).map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
  expect(writes).toEqual([['first'], ['a', 'b', 'c']]);
});
