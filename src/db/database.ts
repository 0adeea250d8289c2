import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
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
  /**
   * Tells this process's listeners of `channel` (Database.listen) that something changed, once the
   * change is committed: when the transaction commits, or at once outside a transaction. Nothing is
   * told for a transaction that rolls back.
   */
  notify(channel: string): void;
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
  /**
   * Calls `listener` whenever `channel` is notified: by this process (Queryable.notify), and on a
   * server also by any process, through Postgres's LISTEN (a statement's pg_notify reaches every
   * listener when its transaction commits). Returns the function that stops listening.
   */
  listen(channel: string, listener: () => void): () => void;
  /** Answers whether Postgres answers, within a short time. */
  ping(timeoutMs?: number): Promise<boolean>;
  /**
   * Calls `observer` after each statement run through query or execute (a transaction's too) with
   * its SQL text, how long it took and whether it succeeded: for metrics. Returns the function that
   * stops observing.
   */
  observeQueries(observer: QueryObserver): () => void;
  /** The pool's connections now: open, idle, and requests waiting for one. */
  poolStats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

/** Told of each statement: its SQL text (never its parameters), seconds taken, and whether it succeeded. */
export type QueryObserver = (text: string, seconds: number, ok: boolean) => void;

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

  const observers = new Set<QueryObserver>();
  const timed = async <T>(text: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    let ok = false;
    try {
      const result = await run();
      ok = true;
      return result;
    } catch (error) {
      throw new RapportError('db_query_failed', `database query failed: ${firstLine(text)}`, {
        cause: error,
      });
    } finally {
      if (observers.size > 0) {
        const seconds = (performance.now() - started) / 1000;
        for (const observer of observers) observer(text, seconds, ok);
      }
      if (log.isLevelEnabled('debug')) {
        log.debug(
          { sql: firstLine(text), ms: Math.round((performance.now() - started) * 100) / 100 },
          'query',
        );
      }
    }
  };

  const local = new EventEmitter();
  local.setMaxListeners(0);
  const listening = createListener({ url: options.url, engine: options.engine, log, local });

  const on = (client: pg.Pool | pg.PoolClient, notify: (channel: string) => void): Queryable => ({
    query: (text, params, row) =>
      timed(text, async () => {
        const result = await client.query(statement(text, params));
        return result.rows.map((r) => row.parse(r));
      }),
    execute: (text, params) =>
      timed(text, async () => (await client.query(statement(text, params))).rowCount ?? 0),
    notify,
  });

  return {
    ...on(pool, (channel) => local.emit(channel)),
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
        const committed = new Set<string>();
        await client.query('begin');
        const result = await fn(oneAtATime(on(client, (channel) => committed.add(channel))));
        await client.query('commit');
        for (const channel of committed) local.emit(channel);
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
    observeQueries(observer) {
      observers.add(observer);
      return () => observers.delete(observer);
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    listen(channel, listener) {
      local.on(channel, listener);
      const unlisten = listening.add(channel);
      return () => {
        local.off(channel, listener);
        unlisten();
      };
    },
    async close() {
      await listening.close();
      await pool.end();
    },
  };
}

/**
 * On a server, one connection of its own LISTENs for the channels this process listens to, and
 * passes what other processes notify to the local listeners; it reconnects after a lost connection
 * (listeners also poll, so a notification missed meanwhile is only late). The embedded engine serves
 * one process, so the local notifications are all there are.
 */
function createListener(o: {
  url: string;
  engine: DatabaseOptions['engine'];
  log: Logger;
  local: EventEmitter;
}) {
  const channels = new Map<string, number>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const quoted = (channel: string) => `"${channel.replaceAll('"', '""')}"`;

  const connect = (): Promise<void> => {
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString: o.url, application_name: 'rapport-listen' });
      c.on('notification', (n) => o.local.emit(n.channel));
      c.on('error', (error) => {
        o.log.warn({ err: error }, 'the LISTEN connection failed; reconnecting');
        if (client === c) client = undefined;
        void c.end().catch(() => undefined);
        scheduleReconnect();
      });
      try {
        await c.connect();
        for (const channel of channels.keys()) await c.query(`listen ${quoted(channel)}`);
        if (closed) await c.end();
        else client = c;
      } catch (error) {
        o.log.warn({ err: error }, 'could not LISTEN; notifications from other processes wait for a poll');
        void c.end().catch(() => undefined);
        scheduleReconnect();
      }
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };
  const scheduleReconnect = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      if (!closed && channels.size > 0 && !client) void connect();
    }, 1_000);
    retry.unref();
  };

  return {
    add(channel: string): () => void {
      if (o.engine === 'embedded') return () => undefined;
      const count = channels.get(channel) ?? 0;
      channels.set(channel, count + 1);
      if (count === 0) {
        if (client) void client.query(`listen ${quoted(channel)}`).catch(() => undefined);
        else void connect();
      }
      return () => {
        const left = (channels.get(channel) ?? 1) - 1;
        if (left > 0) channels.set(channel, left);
        else {
          channels.delete(channel);
          void client?.query(`unlisten ${quoted(channel)}`).catch(() => undefined);
        }
      };
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      await connecting;
      await client?.end().catch(() => undefined);
      client = undefined;
    },
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
    notify: (channel) => q.notify(channel),
  };
}

function firstLine(sql: string): string {
  return sql.trim().split('\n')[0]?.slice(0, 120) ?? '';
}
