import type { Person } from '../api-types.js';
import { el, replaceChildren } from './dom.js';
import type { Page } from './page.js';

/**
 * "You are": everyone in the playground, grouped by organisation, with their title and time zone,
 * because rituals reach each person at their own local time.
 */
export function createPersonPicker(select: HTMLSelectElement, details: HTMLElement, page: Page) {
  select.addEventListener('change', () => page.becomePerson(select.value));
  let drawn = '';
  return {
    render(): void {
      const state = page.state;
      const key = JSON.stringify([state.me, state.people, state.teams]);
      if (key === drawn) return;
      drawn = key;
      const teams = state.teams.map((team) =>
        el(
          'optgroup',
          { label: team.name },
          state.people.filter((p) => p.teamId === team.id).map((p) => option(p, state.me)),
        ),
      );
      const teamless = state.people.filter((p) => !state.teams.some((t) => t.id === p.teamId));
      replaceChildren(
        select,
        teams,
        teamless.map((p) => option(p, state.me)),
      );
      select.value = state.me;
      const me = state.people.find((p) => p.id === state.me);
      const team = state.teams.find((t) => t.id === me?.teamId);
      replaceChildren(
        details,
        me ? [me.title || 'No title', ' · ', me.tz, team ? ` · ${team.name}` : ''].join('') : '',
      );
    },
  };
}

function option(person: Person, me: string): HTMLOptionElement {
  const label = `${person.realName || person.name} (@${person.name})${person.title ? ` · ${person.title}` : ''}`;
  return el('option', { value: person.id, selected: person.id === me }, label);
}
