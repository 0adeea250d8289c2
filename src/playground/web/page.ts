import type { ActionRequests, ActionResult, GroupDm, Person, PlaygroundState } from '../api-types.js';
import type { ActionName } from './api.js';

/**
 * Where the main pane is: a conversation (a channel, the DM with Rapport or a group DM), or
 * Rapport's Home tab.
 */
export type Place = { kind: 'conversation'; id: string } | { kind: 'home' };

/** Where a Block Kit element was used: a message, a reply only this person sees, or a view. */
export type ActionContainer = ActionRequests['action']['container'];

/** An action's request without `as`: the page adds who it is. */
export type Request<A extends ActionName> = Omit<ActionRequests[A], 'as'>;

/** What every part of the page reads and can ask for; playground-page.ts holds it. */
export interface Page {
  readonly state: PlaygroundState;
  readonly me: Person | undefined;
  readonly place: Place;
  /** The thread the composer answers in, if any. */
  readonly threadTs: string | null;
  /** Sends an action as the current person, then refreshes; a refusal is shown to the user. */
  send<A extends ActionName>(action: A, body: Request<A>): Promise<ActionResult>;
  open(place: Place): void;
  /** Becomes someone else: at `place` if given (their DM, say), else where they were or their first channel. */
  becomePerson(id: string, place?: Place): void;
  replyInThread(ts: string | null): void;
  notify(text: string): void;
}

/** The DM between a person and Rapport: its conversation id is "D" + their user id. */
export function dmWithRapport(me: string): string {
  return `D${me}`;
}

/** The group DM with this id, if `me` is in it. */
export function groupDmById(state: PlaygroundState, id: string): GroupDm | undefined {
  return state.groupDms.find((g) => g.id === id);
}

/** A group DM's name as Slack shows it: the other members' names ("Ben Okafor, Dana Kowalski"). */
export function groupDmName(state: PlaygroundState, dm: GroupDm): string {
  return dm.members
    .filter((id) => id !== state.me)
    .map((id) => state.people.find((p) => p.id === id)?.realName ?? id)
    .join(', ');
}
