import type { PlaygroundState, StandUpPrompt } from '../api-types.js';
import { el, replaceChildren } from './dom.js';
import { dmWithRapport, type Page } from './page.js';
import { appSaid } from './app-said.js';

const DISMISSED = 'rapport-playground-try-this-dismissed';

type Step = { label: string; how: string; done: boolean; run(): void };

/**
 * "Try this": four things to do first, each one click away (the command typed into the composer,
 * the clock moved, the person switched), each ticked once the workspace shows it done, and who was
 * just prompted for a stand-up. Dismissed, it stays away (localStorage).
 */
export function createTryThis(root: HTMLElement, page: Page, tools: { fillComposer(text: string): void }) {
  let drawn = '';

  /** Types `text` into the composer, in the open channel or else the person's first one. */
  const compose = (text: string) => {
    const { place, state } = page;
    const inChannel = place.kind === 'conversation' && state.channels.some((c) => c.id === place.id);
    const first = state.channels[0];
    if (!inChannel && first) page.open({ kind: 'conversation', id: first.id });
    tools.fillComposer(text);
  };

  const steps = (state: PlaygroundState, prompts: readonly StandUpPrompt[]): Step[] => {
    const newest = prompts.at(-1);
    const prompted = state.people.find((p) => p.id === newest?.user);
    return [
      {
        label: 'Give a kudos',
        how: `/kudos @${someoneToThank(page)} for …`,
        done: appSaid(state, /gave kudos|kudos from/i),
        run: () => compose(`/kudos @${someoneToThank(page)} for `),
      },
      {
        label: 'Set up a stand-up, then press Next ritual',
        how: state.nextRitualAt ? 'Next ritual moves the clock to it' : '/rituals, then Create',
        done: prompts.length > 0,
        run: () => (state.nextRitualAt ? void page.send('clock', { advance: 'next' }) : compose('/rituals')),
      },
      {
        label:
          prompted && prompted.id !== state.me
            ? `Answer as ${firstName(prompted.realName)}`
            : 'Answer the prompt',
        how: 'switch person and open Messages',
        done: prompts.some((p) => !p.pending) || appSaid(state, /checked in/),
        run: () => {
          if (!newest) return page.notify('Nobody has been prompted yet: set up a stand-up first.');
          const dm = { kind: 'conversation' as const, id: dmWithRapport(newest.user) };
          if (newest.user === state.me) page.open(dm);
          else page.becomePerson(newest.user, dm);
        },
      },
      {
        label: 'Post /health',
        how: "the channel's health, only to you",
        done: state.log.some((entry) => / ran \/health\b/.test(entry.text)),
        run: () => compose('/health'),
      },
    ];
  };

  const part = {
    render(): void {
      const { state } = page;
      root.hidden = localStorage.getItem(DISMISSED) === 'yes';
      if (root.hidden) return;
      const prompts = state.standUpPrompts;
      const shown = steps(state, prompts);
      const status = promptStatus(state, prompts);
      const key = JSON.stringify([shown.map((s) => [s.label, s.how, s.done]), status]);
      if (key === drawn) return;
      drawn = key;
      const dismiss = el(
        'button',
        { type: 'button', class: 'link-button', 'aria-label': 'Dismiss Try this' },
        '×',
      );
      dismiss.addEventListener('click', () => {
        localStorage.setItem(DISMISSED, 'yes');
        root.hidden = true;
      });
      replaceChildren(
        root,
        el('header', { class: 'try-this-header' }, el('h2', {}, 'Try this'), dismiss),
        el(
          'ol',
          { class: 'try-this-steps' },
          shown.map((step) => el('li', {}, stepButton(step))),
        ),
        status ? el('p', { class: 'try-this-status', role: 'status' }, status) : '',
      );
    },
  };
  return part;
}

function stepButton(step: Step): HTMLButtonElement {
  const button = el(
    'button',
    { type: 'button', class: 'try-this-step', 'data-done': step.done },
    el('span', { class: 'try-this-check', 'aria-hidden': 'true' }, step.done ? '✓' : ''),
    el('span', { class: 'try-this-label' }, step.label),
    el('span', { class: 'try-this-how' }, step.how),
    step.done ? el('span', { class: 'visually-hidden' }, ' (done)') : '',
  );
  button.addEventListener('click', () => step.run());
  return button;
}

/** "Chen has a stand-up prompt in Messages", for the newest prompt still waiting for its answer. */
function promptStatus(state: PlaygroundState, prompts: readonly StandUpPrompt[]): string {
  const waiting = prompts.filter((p) => p.pending).at(-1);
  if (!waiting) return '';
  if (waiting.user === state.me) return 'You have a stand-up prompt in Messages';
  const person = state.people.find((p) => p.id === waiting.user);
  return `${firstName(person?.realName ?? 'Someone')} has a stand-up prompt in Messages`;
}

function firstName(realName: string): string {
  return realName.split(' ')[0] ?? realName;
}

/** The handle of someone else in the open channel (or the workspace) to thank. */
function someoneToThank(page: Page): string {
  const { place, state } = page;
  const channel = state.channels.find((c) => place.kind === 'conversation' && c.id === place.id);
  const others = state.people.filter(
    (p) => p.id !== state.me && (!channel || channel.members.includes(p.id)),
  );
  return others[0]?.name ?? 'someone';
}
