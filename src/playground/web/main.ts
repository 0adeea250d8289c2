import { BLOCK_KIT_CSS } from '../../slack-emulator/block-kit/index.js';
import { createActivityLog } from './activity-log.js';
import { createApi } from './api.js';
import { listenForBlockActions } from './block-actions.js';
import { createClockBar } from './clock-bar.js';
import { createComposer } from './composer.js';
import { createInstallBar } from './install-bar.js';
import { el, required } from './dom.js';
import { createHealthPanel } from './health-panel.js';
import { createModal } from './modal.js';
import { createPane } from './pane.js';
import { createPersonPicker } from './person-picker.js';
import { createPlaygroundPage } from './playground-page.js';
import { closeMenusFromOutside } from './popover.js';
import { createSidebar } from './sidebar.js';
import { createToasts } from './toasts.js';
import { createTryThis } from './try-this.js';

/** The playground page: Block Kit's styles, every part bound to index.html's elements, then the polling loop. */
document.head.append(el('style', {}, BLOCK_KIT_CSS));
const toasts = createToasts(required('toasts'));
const offline = required('offline');
const api = createApi();
const playground = createPlaygroundPage(api, {
  notify: (text) => toasts.show(text),
  offline: (down) => {
    offline.hidden = !down;
  },
});
const { page } = playground;

playground.add(createPersonPicker(required<HTMLSelectElement>('person'), required('person-details'), page));
playground.add(
  createClockBar(
    { now: required('clock-now'), next: required('clock-next'), buttons: required('clock-buttons') },
    page,
  ),
);
playground.add(createInstallBar(required('install-bar'), page));
playground.add(createSidebar(required('sidebar-nav'), page));
playground.add(createPane({ title: required('pane-title'), body: required('pane-body') }, page));
const composer = createComposer(
  {
    form: required<HTMLFormElement>('composer'),
    input: required<HTMLTextAreaElement>('composer-input'),
    suggestions: required<HTMLUListElement>('composer-suggestions'),
    hint: required('composer-hint'),
    thread: required('composer-thread'),
  },
  page,
);
playground.add(composer);
playground.add(createTryThis(required('try-this'), page, { fillComposer: (text) => composer.fill(text) }));
playground.add(createModal(required('modal-root'), page));
playground.add(
  createActivityLog(
    { list: required('activity-list'), alert: required('alert'), count: required('activity-count') },
    page,
  ),
);
playground.add(createHealthPanel(required('health-list'), page));
listenForBlockActions(document.body, page);
closeMenusFromOutside(document);
bindPanelToggles();
void playground.start();

/** On a phone the sidebar and the activity log are panels opened from the top bar. */
function bindPanelToggles(): void {
  const layout = required('layout');
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-toggle-panel]')) {
    button.addEventListener('click', () => {
      const panel = button.dataset.togglePanel ?? '';
      const open = layout.dataset.panel === panel;
      layout.dataset.panel = open ? '' : panel;
      button.setAttribute('aria-expanded', String(!open));
    });
  }
  required('sidebar-nav').addEventListener('click', (event) => {
    if ((event.target as Element).closest('.sidebar-link')) layout.dataset.panel = '';
  });
}
