import { once } from 'node:events';
import WebSocket from 'ws';

/**
 * A child app's JavaScript heap after a full garbage collection, asked through its inspector
 * (started with `--inspect=127.0.0.1:0`): `HeapProfiler.collectGarbage`, then
 * `Runtime.getHeapUsage` (https://chromedevtools.github.io/devtools-protocol/v8/). Unlike resident
 * memory, which the process keeps after a burst whether or not anything leaks, this is what is
 * still reachable: it grows from run to run only if something (a cache, a listener) is never let go.
 * It is the main thread's heap; the embedded engine's worker and its WebAssembly memory are not in it.
 */
export async function heapAfterGcMb(inspectorUrl: string): Promise<number> {
  const socket = new WebSocket(inspectorUrl);
  await once(socket, 'open');
  let nextId = 1;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data)) as {
          id?: number;
          result?: Record<string, unknown>;
          error?: unknown;
        };
        if (message.id !== id) return;
        socket.off('message', onMessage);
        if (message.error) reject(new Error(`${method}: ${JSON.stringify(message.error)}`));
        else resolve(message.result ?? {});
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    const used = Number(usage.usedSize);
    if (!Number.isFinite(used)) throw new Error('Runtime.getHeapUsage gave no usedSize');
    return used / (1024 * 1024);
  } finally {
    socket.close();
    await once(socket, 'close');
  }
}

/** The inspector's address, from the line Node prints when it starts listening. */
export const INSPECTOR_LINE = /^Debugger listening on (ws:\/\/\S+)/;

/** The inspector's other lines, expected and not shown. */
export const isInspectorLine = (line: string) =>
  INSPECTOR_LINE.test(line) ||
  line.startsWith('For help, see: https://nodejs.org/') ||
  line === 'Debugger attached.' ||
  line.startsWith('Debugger ending on ');
