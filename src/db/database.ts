import { createHash } from 'node:crypto';
import pg from 'pg';
import QueryStream from 'pg-query-stream';
import type { z } from 'zod';
import type { Logger } from 'pino';
import { RapportError } from '../errors.js';

/** Something that runs a statement: the pool itself, or the client of an open transaction. */
export interface Queryable {
  query<Schema extends z.ZodType>(
    text: string,
    params: readonly unknown[],
    row: Schema,
  ): Promise<z.infer<Schema>[]>;
  execute(text: string, params: readonly unknown[]): Promise<number>;
}

export interface Database extends Queryable {
  /** Yields rows one by one through a cursor, for result sets too large to hold (exports). */
  stream<Schema extends z.ZodType>(
    text: string,
    params: readonly unknown[],
    row: Schema,
  ): AsyncGenerator<z.infer<Schema>>;
  /** Runs fn inside BEGIN … COMMIT on one client; rolls back if fn throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Answers whether Postgres answers, within a short time. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export type DatabaseOptions = {
  url: string;
  log: Logger;
  poolMax?: number;
  connectionTimeoutMs?: number;
  statementTimeoutMs?: number;
  /**
   * 'server' (the default): a pool of connections, and named statements that each connection
   * parses and plans once. 'embedded': one connection, unnamed statements. The embedded engine
   * serves every connection from a single session and interleaves their protocol messages, so two
   * connections' statements could mix (and their names would collide).
   */
  engine?: 'server' | 'embedded';
};

/**
 * The one door to Postgres. Connections are short-lived enough to survive a server restart:
 * idle clients that die are dropped (the pool's `error` listener), new connections give up quickly,
 * and every statement has a time limit, so requests during an outage fail fast instead of hanging.
 */
export function createDatabase(options: DatabaseOptions): Database {
  const log = options.log.child({ component: 'db' });
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.engine === 'embedded' ? 1 : (options.poolMax ?? 10),
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 2_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 5_000,
    query_timeout: (options.statementTimeoutMs ?? 5_000) + 1_000,
    application_name: 'rapport',
    // Named statements are parsed once, but planned for each execution: a generic plan fixed while
    // a table was small (a new install) would keep scanning it whole as it grows. No JIT: every
    // statement here is short, and a plan whose estimate crosses jit_above_cost spends tens of
    // milliseconds to seconds compiling what runs in one (the embedded engine has none).
    ...(options.engine === 'embedded' ? {} : { options: '-c plan_cache_mode=force_custom_plan -c jit=off' }),
  });
  // An idle client whose server went away emits here; without a listener the process would crash.
  pool.on('error', (error) => log.warn({ err: error }, 'an idle database connection failed and was dropped'));

  const names = new Map<string, string>();
  const statement = (text: string, params: readonly unknown[]): pg.QueryConfig => {
    const values = params as unknown[];
    if (options.engine === 'embedded') return { text, values };
    let name = names.get(text);
    if (name === undefined) {
      name = `rapport_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      names.set(text, name);
    }
    return { name, text, values };
  };

  const timed = async <T>(text: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } catch (error) {
      throw new RapportError('db_query_failed', `database query failed: ${firstLine(text)}`, {
        cause: error,
      });
    } finally {
      if (log.isLevelEnabled('debug')) {
        log.debug(
          { sql: firstLine(text), ms: Math.round((performance.now() - started) * 100) / 100 },
          'query',
        );
      }
    }
  };

  const on = (client: pg.Pool | pg.PoolClient): Queryable => ({
    query: (text, params, row) =>
      timed(text, async () => {
        const result = await client.query(statement(text, params));
        return result.rows.map((r) => row.parse(r));
      }),
    execute: (text, params) =>
      timed(text, async () => (await client.query(statement(text, params))).rowCount ?? 0),
  });

  return {
    ...on(pool),
    async transaction(fn) {
      const client = await pool.connect().catch((error: unknown) => {
        throw new RapportError('db_unavailable', 'could not get a database connection', { cause: error });
      });
      let broken = false;
      // A checked-out client has no pool listener: a connection lost between two statements of the
      // transaction would be an unhandled 'error' event. The statement after it fails instead.
      const onLost = () => {
        broken = true;
      };
      client.on('error', onLost);
      try {
        await client.query('begin');
        const result = await fn(oneAtATime(on(client)));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        client.removeListener('error', onLost);
        // A client that could not roll back is destroyed rather than returned dirty to the pool.
        client.release(broken);
      }
    },
    async *stream(text, params, row) {
      const client = await pool.connect();
      try {
        const rows = client.query(new QueryStream(text, params as unknown[], { batchSize: 500 }));
        for await (const r of rows) yield row.parse(r);
      } finally {
        client.release();
      }
    },
    async ping(timeoutMs = 1_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const answer = pool.query('select 1').then(
        () => true,
        () => false,
      );
      try {
        return await Promise.race([answer, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => pool.end(),
  };
}

/**
 * A transaction's statements run on one connection, which takes one statement at a time: callers
 * may still start several at once (Promise.all), and they are sent in turn rather than piled onto
 * the client, which pg deprecates.
 */
function oneAtATime(q: Queryable): Queryable {
  let previous: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const next = previous.then(run, run);
    previous = next.catch(() => undefined);
    return next;
  };
  return {
    query: (text, params, row) => inTurn(() => q.query(text, params, row)),
    execute: (text, params) => inTurn(() => q.execute(text, params)),
  };
}

function firstLine(sql: string): string {
  return sql.trim().split('\n')[0]?.slice(0, 120) ?? '';
}
