import { z } from 'zod';
import type { Database } from '../src/db/database.js';

/**
 * The lower bound of a piece of work that writes rows: the same rows, written by one statement per
 * table in one transaction, into tables shaped like the real ones (the same columns, constraints
 * and indexes). Before the work, `snapshot` copies every table aside; after it, `writeBound` finds
 * the rows the work added or changed (a changed row is a new row version, as for Postgres), and
 * times writing them again by `insert … select`. Reading what the work had to read is not in the
 * bound, so it is one the work cannot beat.
 */
export class WrittenRows {
  private constructor(
    private readonly db: Database,
    private readonly tables: string[],
  ) {}

  /** Copies every table of the schema aside, before the work. */
  static async snapshot(db: Database): Promise<WrittenRows> {
    const rows = await db.query(
      `select tablename from pg_tables
       where schemaname = 'public' and tablename <> 'pgmigrations' and tablename not like 'bench\\_%'
       order by tablename`,
      [],
      z.object({ tablename: z.string() }),
    );
    const tables = rows.map((r) => r.tablename);
    for (const table of tables) {
      await db.execute(`drop table if exists bench_before_${table}`, []);
      await db.execute(`create unlogged table bench_before_${table} as select * from ${table}`, []);
    }
    return new WrittenRows(db, tables);
  }

  /**
   * The rows written since the snapshot, by table, and the time to write them again, one
   * `insert … select` per table in one transaction. The copies are dropped afterwards.
   */
  async writeBound(): Promise<{ ms: number; rows: Record<string, number> }> {
    const written: Record<string, number> = {};
    for (const table of this.tables) {
      await this.db.execute(`drop table if exists bench_new_${table}, bench_copy_${table}`, []);
      const n = await this.db.execute(
        `create unlogged table bench_new_${table} as
           select * from ${table} except all select * from bench_before_${table}`,
        [],
      );
      if (n === 0) continue;
      written[table] = n;
      await this.db.execute(`create table bench_copy_${table} (like ${table} including all)`, []);
    }
    await settle(this.db);
    const started = performance.now();
    await this.db.transaction(async (tx) => {
      for (const table of Object.keys(written)) {
        await tx.execute(
          `insert into bench_copy_${table} overriding system value select * from bench_new_${table}`,
          [],
        );
      }
    });
    const ms = performance.now() - started;
    for (const table of this.tables) {
      await this.db.execute(
        `drop table if exists bench_before_${table}, bench_new_${table}, bench_copy_${table}`,
        [],
      );
    }
    return { ms, rows: written };
  }
}

/**
 * Statistics for the planner and a checkpoint, after rows were seeded or copied in bulk: so the
 * work measured next is planned as on a database in use, and is not charged with writing back
 * what the seeding left dirty (on the embedded engine the first commit after a bulk load otherwise
 * takes over 150 ms).
 */
export async function settle(db: Database): Promise<void> {
  await db.execute('analyze', []);
  await db.execute('checkpoint', []);
}
