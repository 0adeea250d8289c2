import type { ActionRequests, PlaygroundState } from '../api-types.js';
import type { PlaygroundApi } from './api.js';
import { dmWithRapport, type Page, type Place } from './page.js';

/** How often the page asks for the workspace's state: often enough to feel live. */
const POLL_MS = 1000;
const REMEMBERED_PERSON = 'rapport-playground-as';

export type Part = { render(): void };

/**
 * The page's state and its loop: who the page is, where it is, the latest state from the server,
 * and redrawing every part after each poll and each action.
 */
export function createPlaygroundPage(
  api: PlaygroundApi,
  feedback: { notify(text: string): void; offline(down: boolean): void },
) {
  let state: PlaygroundState | null = null;
  let as: string | null =
    new URLSearchParams(location.search).get('as') ?? localStorage.getItem(REMEMBERED_PERSON);
  // Where the page was when it was last open (the URL's #), so a reload goes back there.
  let place: Place | null = placeFromHash(location.hash);
  let homeToAskFor = place?.kind === 'home';
  let threadTs: string | null = null;
  const parts: Part[] = [];
  let loading: Promise<void> | null = null;
  let again = false;

  const renderAll = () => {
    if (!state) return;
    for (const part of parts) part.render();
  };

  /** One request at a time; a refresh asked for meanwhile runs right after it. */
  const refresh = async (): Promise<void> => {
    if (loading) {
      again = true;
      return loading;
    }
    loading = (async () => {
      do {
        again = false;
        await load();
      } while (again);
    })();
    try {
      await loading;
    } finally {
      loading = null;
    }
  };

  const load = async () => {
    try {
      const asked = as;
      let next = await api.state(asked);
      // Nobody chosen yet, or someone the playground does not have: the page is its first person.
      const first = next.people[0];
      if (!next.people.some((p) => p.id === next.me) && first) next = await api.state(first.id);
      // Someone else was chosen while this was loading: the load that follows is theirs.
      if (as !== asked) return;
      state = next;
      as = next.me;
      place = placeFor(next, place);
      rememberInHash(place);
      feedback.offline(false);
      renderAll();
      // A reload on the Home tab asks the app for it, as opening the tab does.
      if (homeToAskFor && place.kind === 'home') void page.send('home', {});
      homeToAskFor = false;
    } catch {
      feedback.offline(true);
    }
  };

  const page: Page = {
    get state() {
      if (!state) throw new Error('the playground state has not loaded yet');
      return state;
    },
    get me() {
      return state?.people.find((p) => p.id === state?.me);
    },
    get place() {
      return place ?? { kind: 'home' };
    },
    get threadTs() {
      return threadTs;
    },
    async send(action, body) {
      const request = { ...body, as: page.state.me } as ActionRequests[typeof action];
      const result = await api.send(action, request);
      if (!result.ok) feedback.notify(result.error ?? 'That did not work.');
      await refresh();
      return result;
    },
    open(next) {
      place = next;
      rememberInHash(next);
      threadTs = null;
      renderAll();
      if (next.kind === 'home') void page.send('home', {});
    },
    becomePerson(id, at) {
      as = id;
      localStorage.setItem(REMEMBERED_PERSON, id);
      place = at ?? null;
      threadTs = null;
      void refresh();
    },
    replyInThread(ts) {
      threadTs = ts;
      renderAll();
    },
    notify: (text) => feedback.notify(text),
  };

  return {
    page,
    add(part: Part) {
      parts.push(part);
    },
    /** Polls for as long as the page is open. */
    async start(): Promise<void> {
      await refresh();
      const poll = async () => {
        await refresh();
        setTimeout(() => void poll(), POLL_MS);
      };
      setTimeout(() => void poll(), POLL_MS);
    },
  };
}

/** "#home" for the Home tab, "#C0GENERAL1" for a conversation. */
function placeFromHash(hash: string): Place | null {
  const id = decodeURIComponent(hash.replace(/^#/, ''));
  if (!id) return null;
  return id === 'home' ? { kind: 'home' } : { kind: 'conversation', id };
}

function rememberInHash(place: Place): void {
  const hash = `#${place.kind === 'home' ? 'home' : encodeURIComponent(place.id)}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

/** Stay where the page was if it still exists for this person; otherwise their first channel. */
function placeFor(state: PlaygroundState, current: Place | null): Place {
  if (current?.kind === 'home') return current;
  if (
    current &&
    (current.id === dmWithRapport(state.me) ||
      state.channels.some((c) => c.id === current.id) ||
      state.groupDms.some((g) => g.id === current.id))
  ) {
    return current;
  }
  const first = state.channels[0];
  return first
    ? { kind: 'conversation', id: first.id }
    : { kind: 'conversation', id: dmWithRapport(state.me) };
}
