import { parse as parseCsv } from 'csv-parse/sync';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { createDatabase } from '../../src/db/database.js';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';
import { MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { storeHealthPeriod } from '../helpers/health-periods.js';
import { silentLogger } from '../helpers/logs.js';
import { runTool, withTempDir } from '../helpers/rapport-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const ALL_MIGRATIONS = readdirSync(MIGRATIONS_DIR)
  .filter((f) => f.endsWith('.sql'))
  .sort()
  .map((f) => f.replace(/\.sql$/, ''));

/** A fresh database (server) or data folder (embedded) for each tool run. */
async function withFreshStore<T>(
  fn: (env: Record<string, string>, read: () => Promise<string[]>) => Promise<T>,
) {
  if (process.env.TEST_DATABASE_URL) {
    const database = await createTestDatabase();
    try {
      await database.db.execute('drop schema public cascade', []);
      await database.db.execute('create schema public', []);
      const read = async () =>
        (await database.db.query('select name from pgmigrations', [], z.object({ name: z.string() }))).map(
          (r) => r.name,
        );
      return await fn({ DATABASE_URL: database.url }, read);
    } finally {
      await database.close();
    }
  }
  return withTempDir(async (dir) => {
    const read = async () => {
      const embedded = await startEmbeddedPostgres({ dataDir: dir, log: silentLogger() });
      const db = createDatabase({ url: embedded.url, log: silentLogger(), engine: 'embedded' });
      try {
        return (await db.query('select name from pgmigrations', [], z.object({ name: z.string() }))).map(
          (r) => r.name,
        );
      } finally {
        await db.close();
        await embedded.stop();
      }
    };
    return fn({ DATA_DIR: dir }, read);
  });
}

describe('npm run migrate', () => {
  test('three replicas migrating one database at once all succeed; each migration runs once', async () => {
    await withFreshStore(async (env, applied) => {
      const results = await Promise.all([1, 2, 3].map(() => runTool('cli/migrate.js', env)));
      expect(results.map((r) => [r.code, r.stderr])).toEqual([
        [0, ''],
        [0, ''],
        [0, ''],
      ]);
      expect(await applied()).toEqual(ALL_MIGRATIONS);
    });
  });

  test('a bad DATABASE_URL is one clear line and exit code 1', async () => {
    const result = await runTool('cli/migrate.js', { DATABASE_URL: 'http://nope' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^Configuration error: DATABASE_URL must be a postgres:\/\/ URL/);
  });
});

describe('npm run export', () => {
  let database: TestDatabase | undefined;
  let dir: string | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    if (process.env.TEST_DATABASE_URL) {
      database = await createTestDatabase();
      env = { DATABASE_URL: database.url };
    } else {
      dir = await mkdtemp(join(tmpdir(), 'rapport-export-'));
      env = { DATA_DIR: dir };
      expect((await runTool('cli/migrate.js', env)).code).toBe(0);
    }
    await seed(env);
  });
  afterAll(async () => {
    await database?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('--format jsonl: one JSON object per line, taken-back kudos and declined credits left out', async () => {
    const result = await runTool('cli/export.js', env, ['--format', 'jsonl']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('Exported 10 records.\n');
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      {
        type: 'kudos',
        team_id: 'T0AAAAAAA1',
        giver_id: 'U0ANA',
        giver_team_id: 'T0AAAAAAA1',
        receiver_id: 'U0BEN',
        receiver_team_id: 'T0PARTNER9',
        channel_id: 'C0ONE',
        message_ts: null,
        reason: 'for the "demo", really',
        source: 'command',
        emoji: null,
        created_at: '2026-01-05T10:00:00.000Z',
      },
      {
        type: 'kudos',
        team_id: 'T0AAAAAAA1',
        giver_id: 'U0BEN',
        giver_team_id: null,
        receiver_id: 'U0ANA',
        receiver_team_id: null,
        channel_id: 'C0ONE',
        message_ts: '1767000000.000100',
        reason: null,
        source: 'reaction',
        emoji: 'clap',
        created_at: '2026-02-01T09:30:00.000Z',
      },
      expect.objectContaining({ team_id: 'T0BBBBBBB2', reason: 'other workspace' }),
      {
        type: 'ritual',
        team_id: 'T0AAAAAAA1',
        ritual_id: expect.any(Number),
        channel_id: 'C0ONE',
        kind: 'standup',
        schedule: {
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          time: '09:30',
          zone: 'local',
          cadence: 'weekly',
        },
        paused: false,
        created_by: 'U0ANA',
        created_at: '2026-01-02T08:00:00.000Z',
      },
      {
        type: 'checkin',
        team_id: 'T0AAAAAAA1',
        ritual_id: expect.any(Number),
        channel_id: 'C0ONE',
        user_id: 'U0BEN',
        date: '2026-01-05',
        answers: { 'What did you get done?': 'The "export", finally', 'Anything blocking you?': 'none' },
        blocker: false,
        submitted_at: '2026-01-05T09:00:00.000Z',
      },
      {
        type: 'credit',
        team_id: 'T0AAAAAAA1',
        credit_id: expect.any(Number),
        channel_id: 'C0ONE',
        deliverable: 'Q3 "launch", at last',
        link: 'https://docs.example.com/q3?a=1&b=2',
        contributor_id: 'U0ANA',
        contribution: 'ran the research',
        given_by: 'U0CAL',
        status: 'confirmed',
        created_at: '2026-01-06T12:00:00.000Z',
      },
      {
        type: 'credit',
        team_id: 'T0AAAAAAA1',
        credit_id: expect.any(Number),
        channel_id: 'C0ONE',
        deliverable: 'Q3 "launch", at last',
        link: 'https://docs.example.com/q3?a=1&b=2',
        contributor_id: 'U0DAN',
        contribution: null,
        given_by: 'U0CAL',
        status: 'unconfirmed',
        created_at: '2026-01-06T12:00:00.000Z',
      },
      {
        type: 'health',
        team_id: 'T0AAAAAAA1',
        channel_id: 'C0ONE',
        period_start: '2026-01-05T09:00:00.000Z',
        period_end: '2026-01-12T09:00:00.000Z',
        score: 81.25,
        pillars: { collaboration: 0.625, value: 1, trust: null },
        metrics: {
          participation: 0.75,
          on_time: 0.5,
          blocker_resolution: null,
          retros_held: null,
          // Responsiveness is off in that channel.
          responsiveness: null,
          // No escalation settled that week.
          escalations_resolved_in_time: null,
          credits_confirmed: 1,
          actions_on_time: null,
          // No give was logged that week: the ledger's metrics have no data.
          value_confirmed: null,
          value_reciprocity: null,
          pulse: null,
          recognition_breadth: null,
          recognition_fairness: null,
          kudos_reciprocity: null,
          credit_reciprocity: null,
          cross_side_kudos: null,
          // No coffee pairs in that channel.
          connections: null,
        },
      },
      // A week without data: null throughout, never zeros.
      {
        type: 'health',
        team_id: 'T0AAAAAAA1',
        channel_id: 'C0ONE',
        period_start: '2026-01-26T09:00:00.000Z',
        period_end: '2026-02-02T09:00:00.000Z',
        score: null,
        pillars: { collaboration: null, value: null, trust: null },
        metrics: expect.objectContaining({ participation: null, pulse: null }),
      },
      expect.objectContaining({ type: 'health', team_id: 'T0BBBBBBB2', score: 50 }),
    ]);
    // Exactly these keys, pillars and metrics in the scorecard's order (not jsonb's).
    const health = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; pillars?: object; metrics?: object })
      .filter((l) => l.type === 'health');
    for (const line of health) {
      expect(Object.keys(line)).toEqual([
        'type',
        'team_id',
        'channel_id',
        'period_start',
        'period_end',
        'score',
        'pillars',
        'metrics',
      ]);
      expect(Object.keys(line.pillars ?? {})).toEqual(['collaboration', 'value', 'trust']);
      expect(Object.keys(line.metrics ?? {})).toEqual([
        'participation',
        'on_time',
        'blocker_resolution',
        'retros_held',
        'responsiveness',
        'escalations_resolved_in_time',
        'credits_confirmed',
        'actions_on_time',
        'value_confirmed',
        'value_reciprocity',
        'pulse',
        'recognition_breadth',
        'recognition_fairness',
        'kudos_reciprocity',
        'credit_reciprocity',
        'cross_side_kudos',
        'connections',
      ]);
    }
  });

  test('--format csv: a header, then one row per record, quoted where needed', async () => {
    const jsonl = await runTool('cli/export.js', env, ['--format', 'jsonl', '--team', 'T0AAAAAAA1']);
    const lines = jsonl.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const result = await runTool('cli/export.js', env, ['--format', 'csv', '--team', 'T0AAAAAAA1']);
    expect(result.code).toBe(0);
    const [header = [], ...rows] = parseCsv(result.stdout) as string[][];
    // One header for every type: `type` first, then each column once.
    expect(header[0]).toBe('type');
    expect(new Set(header).size).toBe(header.length);
    expect(rows).toHaveLength(lines.length);
    // Each row holds its JSON line's values in the header's columns (objects as JSON), the rest empty.
    for (const [i, row] of rows.entries()) {
      const line = lines[i] ?? {};
      const expected = header.map((column) => {
        const value = line[column];
        if (value === undefined || value === null) return '';
        return typeof value === 'object' ? JSON.stringify(value) : String(value);
      });
      expect(row).toEqual(expected);
    }
    // Quotes and commas survive the round trip.
    expect(result.stdout).toContain('"for the ""demo"", really"');
    expect(result.stdout).toContain('"Q3 ""launch"", at last"');
    // Pillars and metrics are each one cell of JSON, as pulse results' means are.
    expect(result.stdout).toContain('"{""collaboration"":0.625,""value"":1,""trust"":null}"');
    expect(rows.map((r) => r[0])).toEqual([
      'kudos',
      'kudos',
      'ritual',
      'checkin',
      'credit',
      'credit',
      'health',
      'health',
    ]);
  });

  test('--since keeps records from that day on (UTC)', async () => {
    const result = await runTool('cli/export.js', env, ['--format', 'jsonl', '--since', '2026-02-01']);
    // The ritual, created on 2 January, is before that day; a health period counts by its end, so
    // the week to 2 February is kept though it began in January, and the week to 12 January is not.
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((l) => {
          const line = JSON.parse(l) as { type: string; created_at?: string; period_end?: string };
          return `${line.type} ${line.created_at ?? line.period_end}`;
        }),
    ).toEqual([
      'kudos 2026-02-01T09:30:00.000Z',
      'kudos 2026-03-01T00:00:00.000Z',
      'health 2026-02-02T09:00:00.000Z',
      'health 2026-03-02T09:00:00.000Z',
    ]);
  });

  test('--team keeps one workspace', async () => {
    const result = await runTool('cli/export.js', env, ['--format', 'jsonl', '--team', 'T0BBBBBBB2']);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((l) => {
          const line = JSON.parse(l) as { type: string; team_id: string };
          return `${line.type} ${line.team_id}`;
        }),
    ).toEqual(['kudos T0BBBBBBB2', 'health T0BBBBBBB2']);
  });

  test.each([
    [[], /needs --format jsonl or --format csv/],
    [['--format', 'xml'], /needs --format jsonl or --format csv/],
    [['--format', 'csv', '--since', '2026-13-45'], /not a real date/],
    [['--format', 'csv', '--since', 'yesterday'], /YYYY-MM-DD/],
    [['--format', 'csv', '--bogus'], /Unknown option '--bogus'/],
  ])('bad arguments %j: a clear message, usage, exit code 1, nothing on stdout', async (args, message) => {
    const result = await runTool('cli/export.js', env, args as string[]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/Usage: npm run export -- --format jsonl\|csv/);
    expect(result.stdout).toBe('');
  });

  test("npm run report: the channel's impact report as Markdown or HTML, from the same records", async () => {
    const md = await runTool('cli/report.js', env, [
      '--channel',
      'C0ONE',
      '--period',
      '2026-Q1',
      '--format',
      'md',
      '--name',
      'alliance',
    ]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('# Impact report: #alliance, 2026-Q1');
    expect(md.stdout).toContain('_1 Jan 2026 – 31 Mar 2026 · made ');
    // Two kudos stand in C0ONE in the quarter (a third was taken back), as the export says.
    expect(md.stdout).toContain('2 kudos;');
    const html = await runTool('cli/report.js', env, [
      '--channel',
      'C0ONE',
      '--period',
      '2026-Q1',
      '--format',
      'html',
    ]);
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain('<h1>Impact report: #C0ONE, 2026-Q1</h1>');
  });

  test.each([
    [['--format', 'md'], /needs --channel/],
    [['--channel', 'C0ONE', '--format', 'docx'], /needs --format md, html or pdf/],
    [['--channel', 'C0NOBODY', '--format', 'md'], /Rapport holds nothing about C0NOBODY/],
    [['--channel', 'C0ONE', '--format', 'md', '--period', '2999-Q1'], /2999-Q1 has not begun yet/],
  ])('npm run report with %j: a clear message, exit code 1, nothing on stdout', async (args, message) => {
    const result = await runTool('cli/report.js', env, args as string[]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});

/** Rows as the bot would have written them, with fixed times, through the database door. */
async function seed(env: Record<string, string>) {
  if (env.DATA_DIR) {
    // The embedded engine is opened by one process at a time: seed through a short-lived owner.
    const embedded = await startEmbeddedPostgres({ dataDir: env.DATA_DIR, log: silentLogger() });
    await insertRows(embedded.url, 'embedded');
    await embedded.stop();
  } else if (env.DATABASE_URL) {
    await insertRows(env.DATABASE_URL, 'server');
  }
}

async function insertRows(url: string, engine: 'server' | 'embedded') {
  const db = createDatabase({ url, log: silentLogger(), engine });
  await db.execute(
    `insert into kudos (team_id, giver_id, giver_team_id, receiver_id, receiver_team_id, channel_id, source, command_id, message_ts, emoji, reason, created_at, retracted_at)
     values
       ('T0AAAAAAA1', 'U0ANA', 'T0AAAAAAA1', 'U0BEN', 'T0PARTNER9', 'C0ONE', 'command', 'trig-1', null, null, 'for the "demo", really', '2026-01-05T10:00:00Z', null),
       ('T0AAAAAAA1', 'U0BEN', null, 'U0ANA', null, 'C0ONE', 'reaction', null, '1767000000.000100', 'clap', null, '2026-02-01T09:30:00Z', null),
       ('T0AAAAAAA1', 'U0CAL', null, 'U0ANA', null, 'C0ONE', 'reaction', null, '1767000000.000200', 'clap', null, '2026-02-02T09:30:00Z', '2026-02-02T09:31:00Z'),
       ('T0BBBBBBB2', 'U0DAN', null, 'U0EVE', null, 'C0TWO', 'command', 'trig-2', null, null, 'other workspace', '2026-03-01T00:00:00Z', null)`,
    [],
  );
  await db.execute(
    `insert into rituals (team_id, channel_id, kind, days, time_of_day, zone, created_by, created_at, updated_at)
     values ('T0AAAAAAA1', 'C0ONE', 'standup', '{1,2,3,4,5}', '09:30', 'local', 'U0ANA', '2026-01-02T08:00:00Z', '2026-01-02T08:00:00Z')`,
    [],
  );
  await db.execute(
    `insert into checkins (team_id, ritual_id, user_id, local_date, status, answers, blocker, submitted_at, updated_at)
     select 'T0AAAAAAA1', id, 'U0BEN', '2026-01-05', 'answered', $1, false, '2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z'
     from rituals where team_id = 'T0AAAAAAA1'`,
    [
      JSON.stringify([
        { question: 'What did you get done?', answer: 'The "export", finally' },
        { question: 'Anything blocking you?', answer: 'none' },
      ]),
    ],
  );
  await db.execute(
    `with credit as (
       insert into credits (team_id, channel_id, deliverable, link, given_by, submission_key, created_at)
       values ('T0AAAAAAA1', 'C0ONE', 'Q3 "launch", at last', 'https://docs.example.com/q3?a=1&b=2', 'U0CAL',
               'command:trig-3', '2026-01-06T12:00:00Z')
       returning team_id, id
     )
     insert into credit_contributors (team_id, credit_id, contributor_id, contribution, status)
     select team_id, id, c.contributor_id, c.contribution, c.status from credit,
       (values ('U0ANA', 'ran the research', 'confirmed'), ('U0BEN', 'given by mistake', 'declined'),
               ('U0DAN', null, 'unconfirmed')) as c(contributor_id, contribution, status)`,
    [],
  );
  await storeHealthPeriod(db, {
    teamId: 'T0AAAAAAA1',
    channelId: 'C0ONE',
    start: '2026-01-05T09:00:00Z',
    end: '2026-01-12T09:00:00Z',
    metrics: { participation: 0.75, on_time: 0.5, credits_confirmed: 1 },
  });
  await storeHealthPeriod(db, {
    teamId: 'T0AAAAAAA1',
    channelId: 'C0ONE',
    start: '2026-01-26T09:00:00Z',
    end: '2026-02-02T09:00:00Z',
    metrics: {},
  });
  await storeHealthPeriod(db, {
    teamId: 'T0BBBBBBB2',
    channelId: 'C0TWO',
    start: '2026-02-23T09:00:00Z',
    end: '2026-03-02T09:00:00Z',
    metrics: { pulse: 0.5 },
  });
  await db.close();
}
