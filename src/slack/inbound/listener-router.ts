import type { AnyMiddlewareArgs, App, Middleware } from '@slack/bolt';

export type Surface = 'event' | 'action' | 'view' | 'shortcut' | 'command';

type AnyArgs = AnyMiddlewareArgs & { next: () => Promise<void>; ack?: () => Promise<void> };
type Listener = (args: AnyArgs) => Promise<void> | void;

/**
 * Bolt gives every request to every listener: for each one it copies the arguments and runs its
 * matcher (App.processEvent in @slack/bolt/dist/App.js), so with some sixty listeners a reaction
 * paid for sixty copies and sixty promises before the one that wanted it ran. Rapport registers
 * one Bolt listener per surface instead, which finds the request's listeners by id in a map; the
 * listeners themselves register by id as before and see the same arguments.
 */
export class ListenerRouter {
  private readonly routes = new Map<Surface, Map<string, Listener[][]>>();

  constructor(private readonly bolt: App) {}

  /** Registers a listener chain (middleware, then the listener) for one id on one surface. */
  add(surface: Surface, id: string, chain: Listener[]): void {
    let byId = this.routes.get(surface);
    if (!byId) {
      byId = new Map();
      this.routes.set(surface, byId);
      this.listenOnce(surface, byId);
    }
    byId.set(id, [...(byId.get(id) ?? []), chain]);
  }

  /** The one Bolt listener of a surface: every request of that surface, dispatched by its id. */
  private listenOnce(surface: Surface, byId: Map<string, Listener[][]>): void {
    const dispatch = async (args: AnyArgs) => {
      const chains = byId.get(idOf(surface, args) ?? '');
      if (!chains) {
        // Nothing here handles it (the edge answers those it knows nobody handles before Bolt).
        await args.ack?.();
        return;
      }
      if (chains.length === 1 && chains[0]) return runChain(chains[0], args);
      // As Bolt does for several listeners of one request: all run; the first failure is raised.
      const results = await Promise.allSettled(chains.map((chain) => runChain(chain, args)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    };
    const everything = /(?:)/;
    const listener = dispatch as unknown as Middleware<AnyMiddlewareArgs>;
    switch (surface) {
      case 'event':
        this.bolt.event(everything, listener as never);
        break;
      case 'action':
        this.bolt.action(everything, listener as never);
        break;
      case 'view':
        this.bolt.view(everything, listener as never);
        break;
      case 'shortcut':
        this.bolt.shortcut(everything, listener as never);
        break;
      case 'command':
        this.bolt.command(everything, listener as never);
        break;
    }
  }
}

/** What a listener registered by id is registered under, read from the request as Bolt matches it. */
function idOf(surface: Surface, args: AnyArgs): string | undefined {
  const a = args as unknown as Record<string, { [key: string]: unknown } | undefined>;
  const value =
    surface === 'event'
      ? a.event?.type
      : surface === 'action'
        ? (a.action?.action_id ?? a.action?.callback_id)
        : surface === 'view'
          ? a.view?.callback_id
          : surface === 'shortcut'
            ? a.shortcut?.callback_id
            : a.command?.command;
  return typeof value === 'string' ? value : undefined;
}

/** Runs middleware then the listener, each given `next` to the one after, as Bolt does. */
function runChain(chain: Listener[], args: AnyArgs): Promise<void> {
  const at = async (index: number): Promise<void> => {
    const fn = chain[index];
    if (!fn) return;
    const last = index === chain.length - 1;
    await fn({ ...args, next: last ? async () => {} : () => at(index + 1) });
  };
  return at(0);
}
