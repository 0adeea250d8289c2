import { z } from 'zod';
import type { Database } from '../db/database.js';

/**
 * Empties every table of the playground's own database (kept in DATA_DIR/playground), keeping the
 * schema and its migrations. Only the playground calls this, and only on its own database.
 */
export async function emptyPlaygroundDatabase(db: Database): Promise<void> {
  const tables = await db.query(
    `select tablename from pg_tables where schemaname = 'public' and tablename <> 'pgmigrations'`,
    [],
    z.object({ tablename: z.string() }),
  );
  if (tables.length > 0) await db.execute(`truncate ${tables.map((t) => `"${t.tablename}"`).join(', ')}`, []);
}
