import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded engine on its own thread: PGlite runs Postgres as WebAssembly on the thread that
 * owns it, so here it uses a core of its own instead of competing with the bot's event loop.
 * Tells its parent the port it serves on; on 'stop', closes the server and the database.
 */
const { dataDir, maxConnections } = workerData as { dataDir: string | undefined; maxConnections: number };
const port = parentPort;
if (!port) throw new Error('embedded-worker runs only as a worker thread');

const db = await PGlite.create(dataDir === undefined ? {} : { dataDir });
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
await server.start();
port.postMessage({ port: (server as unknown as { port: number }).port });
port.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  void (async () => {
    await server.stop();
    await db.close();
    port.postMessage({ stopped: true });
  })();
});
