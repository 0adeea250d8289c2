import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Logger } from 'pino';
import { RapportError } from '../errors.js';

export type EmbeddedPostgres = {
  /** A postgres:// URL that `pg` and the migration runner use unchanged. */
  url: string;
  /** True when this process started the engine; false when it joined one another process runs. */
  owner: boolean;
  stop(): Promise<void>;
};

const MAX_CONNECTIONS = 32;

/**
 * Runs PGlite (Postgres compiled to WebAssembly) in this process and serves it over the Postgres
 * protocol on a loopback port, so the rest of Rapport talks to it exactly as to a real server.
 *
 * With a data folder, only one process may own the files: the owner writes `embedded.lock` with its
 * pid and port, and any other process (an export, a second bot) joins the owner's server instead of
 * opening the same files, which would corrupt them.
 */
export async function startEmbeddedPostgres(options: {
  dataDir?: string;
  log: Logger;
  /**
   * 'worker' runs the engine on a thread of its own (the bot does); 'main' on this thread, for
   * tests, where the worker's compiled script does not exist.
   */
  thread?: 'main' | 'worker';
}): Promise<EmbeddedPostgres> {
  const log = options.log.child({ component: 'embedded-postgres' });
  const serve = options.thread === 'worker' ? serveOnWorker : serveHere;
  if (options.dataDir === undefined) return serve(undefined, undefined, log);

  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'embedded.lock');
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const lock = await open(lockPath, 'wx').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return undefined;
      throw new RapportError('data_dir_unwritable', `cannot write to DATA_DIR ${dataDir}`, { cause: error });
    });
    if (lock) {
      try {
        await lock.writeFile(JSON.stringify({ pid: process.pid }));
        const embedded = await serve(join(dataDir, 'pgdata'), lockPath, log);
        // Replace the lock in one step, so a reader never sees half of it.
        const ready = `${lockPath}.${process.pid}`;
        await writeFile(
          ready,
          JSON.stringify({ pid: process.pid, port: Number(new URL(embedded.url).port) }),
        );
        await rename(ready, lockPath);
        log.info({ dataDir }, 'embedded Postgres started');
        return embedded;
      } catch (error) {
        await rm(lockPath, { force: true });
        throw error;
      } finally {
        await lock.close();
      }
    }
    const joined = await joinRunning(lockPath, log);
    if (joined) {
      log.info({ dataDir, port: joined.port }, 'joined the embedded Postgres another Rapport process runs');
      return { url: urlFor(joined.port), owner: false, stop: async () => {} };
    }
    await sleep(100);
  }
  throw new RapportError(
    'data_dir_locked',
    `${lockPath} is held by another process that does not answer; stop it, or delete the file if none runs`,
  );
}

type Serve = (
  pgdata: string | undefined,
  lockPath: string | undefined,
  log: Logger,
) => Promise<EmbeddedPostgres>;

const serveHere: Serve = async (pgdata, lockPath, log) => {
  const db = await PGlite.create(pgdata === undefined ? {} : { dataDir: pgdata });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: MAX_CONNECTIONS });
  server.addEventListener('error', (event) =>
    log.warn({ err: (event as CustomEvent).detail }, 'socket error'),
  );
  await server.start();
  return {
    url: urlFor((server as unknown as { port: number }).port),
    owner: true,
    async stop() {
      await server.stop();
      await db.close();
      if (lockPath) await rm(lockPath, { force: true });
    },
  };
};

const serveOnWorker: Serve = async (pgdata, lockPath, log) => {
  const worker = new Worker(new URL('./embedded-worker.js', import.meta.url), {
    workerData: { dataDir: pgdata, maxConnections: MAX_CONNECTIONS },
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: { port: number }) => resolve(message.port));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new RapportError('embedded_failed', `the database thread exited (${code})`)),
    );
  });
  worker.on('error', (error) => log.error({ err: error }, 'the embedded database thread failed'));
  return {
    url: urlFor(port),
    owner: true,
    async stop() {
      const stopped = new Promise((resolve) => worker.once('message', resolve));
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
      if (lockPath) await rm(lockPath, { force: true });
    },
  };
};

/**
 * Reads the lock. Returns the owner's port when its server answers. A lock is stale, and removed,
 * when its process is gone, when it names a port nobody serves (the owner died, or its pid was
 * reused), or when it names this very process without a port (a container restarted after a
 * kill gets the same pid, often 1, as the process that left the lock behind).
 */
async function joinRunning(lockPath: string, log: Logger): Promise<{ port: number } | undefined> {
  const text = await readFile(lockPath, 'utf8').catch(() => undefined);
  if (text === undefined || text.trim() === '') return undefined; // gone, or its owner is just starting
  let owner: { pid: number; port?: number };
  try {
    owner = JSON.parse(text);
  } catch {
    return undefined; // being rewritten; read again
  }
  if (owner.port !== undefined) {
    if (await answers(owner.port)) return { port: owner.port };
  } else if (isAlive(owner.pid) && owner.pid !== process.pid) {
    return undefined; // the owner is still starting
  }
  log.info({ lock: owner }, 'a lock left behind by a process that is gone was removed');
  await rm(lockPath, { force: true });
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      done(true);
    });
    socket.on('error', () => done(false));
  });
}

const urlFor = (port: number | string) => `postgres://postgres@127.0.0.1:${port}/postgres`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
