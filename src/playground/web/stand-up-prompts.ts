import type { Message, PlaygroundState } from '../api-types.js';
import type { PlaygroundApi } from './api.js';
import { dmWithRapport } from './page.js';

/** A stand-up prompt Rapport sent someone in their DM; pending while it still offers "Skip today". */
export type StandUpPrompt = { user: string; ts: string; pending: boolean };

/** The action id of a prompt's "Skip today" button, which a settled prompt no longer has. */
const SKIP_ACTION = 'standup_skip';

/** The stand-up prompts in the DM of the person `state` is for, oldest first. */
export function promptsIn(state: PlaygroundState): StandUpPrompt[] {
  const dm = state.conversations[dmWithRapport(state.me)] ?? [];
  return dm
    .filter((m) => m.botId !== null && /Stand-up for/.test(m.text))
    .map((m) => ({
      user: state.me,
      ts: m.ts,
      pending: JSON.stringify(m.blocks ?? []).includes(SKIP_ACTION),
    }));
}

/**
 * Everyone's stand-up prompts, newest last. The page's state holds only its own person's DM, so this
 * asks for each person's state, and only again when something happened (the clock moved, the log has a new line).
 */
export function createPromptWatch(api: PlaygroundApi, changed: () => void) {
  let asked = '';
  let prompts: StandUpPrompt[] = [];
  return {
    get prompts(): readonly StandUpPrompt[] {
      return prompts;
    },
    update(state: PlaygroundState): void {
      const key = JSON.stringify([state.now, state.log.at(-1), state.nextRitualAt, state.people.length]);
      if (key === asked) return;
      asked = key;
      void Promise.all(
        state.people.map((p) =>
          p.id === state.me ? Promise.resolve(state) : api.state(p.id).catch(() => null),
        ),
      ).then((states) => {
        if (asked !== key) return;
        const found = states.flatMap((s) => (s ? promptsIn(s) : []));
        found.sort((a, b) => Number(a.ts) - Number(b.ts));
        if (JSON.stringify(found) === JSON.stringify(prompts)) return;
        prompts = found;
        changed();
      });
    },
  };
}

/** Whether any message in the conversations `state` holds says `pattern` (the app's own posts). */
export function appSaid(state: PlaygroundState, pattern: RegExp): boolean {
  return Object.values(state.conversations).some((messages: Message[]) =>
    messages.some((m) => m.botId !== null && pattern.test(m.text)),
  );
}
