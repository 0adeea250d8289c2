import type { App } from '@slack/bolt';
import { RapportError } from '../../errors.js';
import { PAYLOADS } from './check-inbound.js';
import { COMMAND_NAMES } from './interaction-payloads.js';

type Surface = 'event' | 'action' | 'view' | 'shortcut' | 'command';
const SURFACES: ReadonlySet<string> = new Set<Surface>(['event', 'action', 'view', 'shortcut', 'command']);

const known = (surface: Surface, id: string) =>
  surface === 'command' ? COMMAND_NAMES.has(id) : PAYLOADS[surface][id] !== undefined;

/**
 * The Bolt app as listeners see it while they register: registering an event, action, view or
 * shortcut that has no schema in src/slack/inbound/ fails when the app is built, so every payload
 * a listener reads is checked at the edge first, and the edge knows what nothing handles.
 */
export function requireSchemas(app: App): App {
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
        return (value as (...a: unknown[]) => unknown).call(target, id, ...rest);
      };
    },
  });
}
