import { el, replaceChildren } from './dom.js';
import type { Page } from './page.js';

/**
 * For a person whose workspace has not installed Rapport: what Slack gives them in a shared channel
 * (reactions, Rapport's buttons and forms, but none of its / commands or shortcuts), and a button
 * that installs it for their workspace by OAuth, as their admin would from the install link.
 */
export function createInstallBar(bar: HTMLElement, page: Page) {
  let drawn = '';
  return {
    render(): void {
      const { state } = page;
      const team = state.teams.find((t) => t.id === page.me?.teamId);
      const key = JSON.stringify([team?.id, team?.installed]);
      if (key === drawn) return;
      drawn = key;
      bar.hidden = !team || team.installed;
      if (!team || team.installed) return replaceChildren(bar);
      const install = el('button', { type: 'button', class: 'primary' }, `Install Rapport for ${team.name}`);
      install.addEventListener('click', async () => {
        install.disabled = true;
        try {
          await page.send('install', {});
        } finally {
          install.disabled = false;
        }
      });
      replaceChildren(
        bar,
        el(
          'p',
          {},
          `${team.name} has not installed Rapport. Its people can react, click Rapport's buttons and answer its forms in the shared channel, but Slack gives them none of its / commands or shortcuts.`,
        ),
        install,
      );
    },
  };
}
