import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay in front of Postgres that a test can break like a real network or server: `cut()`
 * drops every connection and refuses new ones (a restart or crash), `pause()` holds all bytes (a hung
 * server), `restore()` and `resume()` undo them. The database behind it is never touched.
 */
export class TcpProxy {
  private readonly pairs = new Set<[Socket, Socket]>();
  private down = false;
  private paused = false;
  private readonly held: (() => void)[] = [];

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const created: { proxy?: TcpProxy } = {};
    const server = createServer((client) => created.proxy?.accept(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    created.proxy = new TcpProxy(server, (server.address() as AddressInfo).port, target);
    return created.proxy;
  }

  /** New connections go to this server from now on (a database reopened on another port). */
  retarget(target: { host: string; port: number }): void {
    this.target = target;
  }

  /** The same Postgres URL, through the proxy. */
  urlFor(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  cut(): void {
    this.down = true;
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    this.pairs.clear();
  }

  restore(): void {
    this.down = false;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const release of this.held.splice(0)) release();
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.down) {
      client.destroy();
      return;
    }
    const upstream = connect(this.target);
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    const relay = (from: Socket, to: Socket) =>
      from.on('data', (chunk) => {
        if (!this.paused) to.write(chunk);
        else this.held.push(() => to.write(chunk));
      });
    relay(client, upstream);
    relay(upstream, client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.pairs.delete(pair);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  }
}
