import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { FakeSlack } from './fake-slack.js';

export type Ack = { envelope_id: string; payload?: Record<string, unknown> };

/**
 * Slack's Socket Mode end: apps.connections.open (on the fake Web API) hands out this server's URL,
 * it greets the client with `hello`, sends envelopes and collects the acknowledgements.
 */
export class FakeSocketMode {
  private socket: WebSocket | undefined;
  private readonly acks = new Map<string, (ack: Ack) => void>();

  private constructor(private readonly server: WebSocketServer) {}

  static async start(slack: FakeSlack): Promise<FakeSocketMode> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const fake = new FakeSocketMode(server);
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`;
    slack.answer('apps.connections.open', () => ({ ok: true, url }));
    server.on('connection', (socket) => {
      fake.socket = socket;
      socket.on('message', (data) => {
        const ack = JSON.parse(String(data)) as Ack;
        fake.acks.get(ack.envelope_id)?.(ack);
      });
      socket.send(
        JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0RAPPORT' } }),
      );
    });
    return fake;
  }

  /** Sends one envelope; resolves with its acknowledgement, or 'no_ack' after `waitMs`. */
  send(
    type: 'events_api' | 'slash_commands' | 'interactive',
    payload: Record<string, unknown>,
    options: { envelopeId?: string; retryAttempt?: number; waitMs?: number } = {},
  ): Promise<Ack | 'no_ack'> {
    const envelopeId = options.envelopeId ?? randomUUID();
    const socket = this.socket;
    if (!socket) throw new Error('no Socket Mode client is connected');
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.acks.delete(envelopeId);
        resolve('no_ack');
      }, options.waitMs ?? 3_000);
      this.acks.set(envelopeId, (ack) => {
        clearTimeout(timer);
        this.acks.delete(envelopeId);
        resolve(ack);
      });
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
          retry_attempt: options.retryAttempt ?? 0,
          retry_reason: options.retryAttempt ? 'timeout' : '',
        }),
      );
    });
  }

  async stop(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
