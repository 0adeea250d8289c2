import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { z } from 'zod';
import { MIGRATIONS_DIR, migrate } from '../../src/db/migrate.js';
import { silentLogger } from '../helpers/logs.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const ALL_MIGRATIONS = readdirSync(MIGRATIONS_DIR)
  .filter((f) => f.endsWith('.sql'))
  .sort()
  .map((f) => f.replace(/\.sql$/, ''));

let database: TestDatabase;
const log = silentLogger();

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

test('a second run applies nothing', async () => {
  expect(await migrate({ databaseUrl: database.url, log })).toEqual([]);
});

test('several replicas migrating at the same moment all succeed, and each migration runs once', async () => {
  await database.db.execute('drop schema public cascade', []);
  await database.db.execute('create schema public', []);
  const results = await Promise.all([1, 2, 3].map(() => migrate({ databaseUrl: database.url, log })));
  expect(results.flat()).toEqual(ALL_MIGRATIONS);
  const applied = await database.db.query(
    'select name from pgmigrations',
    [],
    z.object({ name: z.string() }),
  );
  expect(applied.map((r) => r.name)).toEqual(ALL_MIGRATIONS);
});

/**
 * The one table about the boundary between workspaces: which workspaces share a Slack Connect
 * channel. It is keyed by the channel, whose id is the record set of that channel's rows.
 */
const BOUNDARY_TABLES = ['shared_channels'];

/**
 * The installation's own tables, set by its environment rather than by a workspace: the retention
 * settings it last ran with and the day of each daily run (what a run erased is kept by team id).
 */
const INSTALLATION_TABLES = ['retention_settings', 'retention_runs'];

test('every table carries the Slack team id, and it leads every index', async () => {
  const tables = await database.db.query(
    `select table_name from information_schema.tables
     where table_schema = 'public' and table_name <> 'pgmigrations' and table_name <> all($1::text[])`,
    [[...BOUNDARY_TABLES, ...INSTALLATION_TABLES]],
    z.object({ table_name: z.string() }),
  );
  expect(tables.length).toBeGreaterThan(0);
  for (const { table_name } of tables) {
    const columns = await database.db.query(
      `select column_name from information_schema.columns where table_schema = 'public' and table_name = $1`,
      [table_name],
      z.object({ column_name: z.string() }),
    );
    expect({ table_name, hasTeam: columns.some((c) => c.column_name === 'team_id') }).toEqual({
      table_name,
      hasTeam: true,
    });
  }
  const indexes = await database.db.query(
    `select indexname, indexdef from pg_indexes
     where schemaname = 'public' and tablename <> 'pgmigrations' and tablename <> all($1::text[])`,
    [[...BOUNDARY_TABLES, ...INSTALLATION_TABLES]],
    z.object({ indexname: z.string(), indexdef: z.string() }),
  );
  // Exempt: an identity key alone (unique across teams; every query adds team_id), and the two
  // indexes by which the scheduler and the outbox find due work across workspaces.
  // An installation's key names its workspace or, for an org-wide install, its organisation
  // (`T:<team_id>`, `E:<enterprise_id>`), so it leads its own index.
  const crossTenant = new Set([
    'ritual_slots_due',
    'outbox_ready',
    'ritual_followups_due',
    // The open escalations whose level's target has passed, found by the scheduler for every workspace.
    'escalations_due',
    // The charters whose governance review has come due, found by the scheduler for every workspace.
    'charters_review_due',
    'slack_installations_pkey',
    // An org-wide install's workspaces, found by the install for its cascade.
    'slack_org_workspaces_install_idx',
    // What the daily retention job erases, older than a day, in every workspace at once.
    'checkins_to_erase',
    'retro_notes_to_erase',
    'kudos_reactions_by_time',
    'outbox_settled',
  ]);
  for (const index of indexes.filter((i) => !/ \(id\)$/.test(i.indexdef) && !crossTenant.has(i.indexname))) {
    expect(index.indexdef).toMatch(/\(team_id[,)]/);
  }
});
