import type { Message, PlaygroundState } from '../api-types.js';

/** Whether any message in the conversations `state` holds says `pattern` (the app's own posts). */
export function appSaid(state: PlaygroundState, pattern: RegExp): boolean {
  return Object.values(state.conversations).some((messages: Message[]) =>
    messages.some((m) => m.botId !== null && pattern.test(m.text)),
  );
}
