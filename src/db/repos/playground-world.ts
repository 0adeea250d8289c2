import { z } from 'zod';
import type { Queryable } from '../database.js';

/**
 * The playground's own tables, in its own database only (DATA_DIR/playground), never a real
 * install's: so they are made here, not by a migration. `playground_world` holds what people see
 * of the stand-in's Slack, the clock and the activity log, as one JSON document; `playground_files`
 * the bytes of the files shared there, each once. Emptying the playground's database empties them
 * with everything else, so the two are never restored half.
 */
export async function createPlaygroundWorldTable(q: Queryable): Promise<void> {
  await q.execute(
    `create table if not exists playground_world (
       id boolean primary key default true check (id),
       saved_at timestamptz not null,
       world jsonb not null
     )`,
    [],
  );
}

export async function createPlaygroundFilesTable(q: Queryable): Promise<void> {
  await q.execute(
    `create table if not exists playground_files (id text primary key, bytes bytea not null)`,
    [],
  );
}

export async function savePlaygroundWorld(q: Queryable, world: string, savedAt: Date): Promise<void> {
  await q.execute(
    `insert into playground_world (id, saved_at, world) values (true, $1, $2::jsonb)
     on conflict (id) do update set saved_at = excluded.saved_at, world = excluded.world`,
    [savedAt, world],
  );
}

export async function loadPlaygroundWorld(q: Queryable): Promise<unknown> {
  const rows = await q.query(`select world from playground_world`, [], z.object({ world: z.unknown() }));
  return rows[0]?.world;
}

export async function savePlaygroundFile(q: Queryable, id: string, bytes: Buffer): Promise<void> {
  await q.execute(`insert into playground_files (id, bytes) values ($1, $2) on conflict (id) do nothing`, [
    id,
    bytes,
  ]);
}

export async function loadPlaygroundFiles(q: Queryable): Promise<Map<string, Buffer>> {
  const rows = await q.query(
    `select id, bytes from playground_files`,
    [],
    z.object({ id: z.string(), bytes: z.instanceof(Uint8Array) }),
  );
  return new Map(rows.map((r) => [r.id, Buffer.from(r.bytes)]));
}

/** Whether any of the app's tables (not the migrations' own) holds a row. */
export async function anyAppRows(q: Queryable): Promise<boolean> {
  const tables = await q.query(
    `select tablename from pg_tables
      where schemaname = 'public'
        and tablename not in ('pgmigrations', 'playground_world', 'playground_files')`,
    [],
    z.object({ tablename: z.string() }),
  );
  if (tables.length === 0) return false;
  const probe = tables.map((t) => `select 1 from "${t.tablename}"`).join(' union all ');
  const rows = await q.query(`select exists (${probe}) as any`, [], z.object({ any: z.boolean() }));
  return rows[0]?.any ?? false;
}
