import type { App } from '@slack/bolt';
import { RapportError } from '../../errors.js';
import { PAYLOADS } from './check-inbound.js';
import { COMMAND_NAMES } from './interaction-payloads.js';

import { ListenerRouter, type Surface } from './listener-router.js';

const SURFACES: ReadonlySet<string> = new Set<Surface>(['event', 'action', 'view', 'shortcut', 'command']);

const known = (surface: Surface, id: string) =>
  surface === 'command' ? COMMAND_NAMES.has(id) : PAYLOADS[surface][id] !== undefined;

/** One router per Bolt app, whichever part of the app registers its listeners. */
const routers = new WeakMap<App, ListenerRouter>();

/**
 * The Bolt app as listeners see it while they register: registering an event, action, view or
 * shortcut that has no schema in src/slack/inbound/ fails when the app is built, so every payload
 * a listener reads is checked at the edge first, and the edge knows what nothing handles. What is
 * registered goes to the app's ListenerRouter, which finds a request's listeners by id.
 */
export function requireSchemas(app: App): App {
  const router = routers.get(app) ?? new ListenerRouter(app);
  routers.set(app, router);
  return new Proxy(app, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !SURFACES.has(property) || typeof value !== 'function') {
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      const surface = property as Surface;
      return (id: unknown, ...rest: unknown[]) => {
        if (typeof id !== 'string' || !known(surface, id)) {
          throw new RapportError(
            'listener_without_schema',
            `the ${surface} listener for ${String(id)} has no payload schema in src/slack/inbound/`,
          );
        }
        if (rest.length === 0 || !rest.every((fn) => typeof fn === 'function')) {
          throw new RapportError(
            'listener_not_a_function',
            `the ${surface} listener for ${id} is not a function`,
          );
        }
        router.add(surface, id, rest as Parameters<ListenerRouter['add']>[2]);
        return receiver;
      };
    },
  });
}
