import type { types } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { SOMETHING_WENT_WRONG, UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import { slackErrorCode } from './errors.js';
import { loadingModal, noticeModal } from './views/loading-modal.js';
import { within } from './within.js';

/** The view is gone (closed meanwhile) or changed since it was opened: views.update's answers. */
const CLOSED_OR_CHANGED: ReadonlySet<string> = new Set(['not_found', 'hash_conflict']);

/**
 * How long the database may take before the modal opens without it. Slack's 3 seconds start when
 * it sends the request, and the request's own way in and views.open's way out take some of them.
 */
export const FILL_WITHIN_MS = 1_000;

/**
 * Opens a modal whose content needs the database, within the trigger_id's life: it expires 3
 * seconds after Slack sends it, and nothing reaches Slack before the listener ends
 * (processBeforeResponse). When `build` is done within FILL_WITHIN_MS the modal opens with its
 * view (and a UserError is the listener's to tell, as any refusal). Past that, views.open goes
 * first with a small loading view, and `build`'s view replaces it by views.update (its view_id and
 * hash); a UserError is then shown in the modal, anything else is logged and the modal says it
 * went wrong: the person is never left with "Loading…".
 */
export async function openModalThenFill(
  deps: { client: WebClient; log: Logger },
  open: { triggerId: string; title: string },
  build: () => Promise<types.ModalView>,
): Promise<void> {
  const building = build().then(
    (view) => ({ view }),
    (error: unknown) => ({ error }),
  );
  const early = await within(FILL_WITHIN_MS, building);
  if (early && 'error' in early) throw early.error;
  if (early) {
    await deps.client.views.open({ trigger_id: open.triggerId, view: early.view });
    return;
  }
  const opened = await deps.client.views.open({ trigger_id: open.triggerId, view: loadingModal(open.title) });
  const viewId = opened.view?.id;
  if (!viewId) throw new Error('views.open answered without the view it opened');
  const built = await building;
  if ('error' in built && !(built.error instanceof UserError)) {
    deps.log.error({ err: built.error, modal: open.title }, 'filling a modal failed');
  }
  const view =
    'view' in built
      ? built.view
      : noticeModal(
          open.title,
          built.error instanceof UserError ? built.error.userMessage : SOMETHING_WENT_WRONG,
        );
  try {
    await deps.client.views.update({ view_id: viewId, hash: opened.view?.hash, view });
  } catch (error) {
    if (!CLOSED_OR_CHANGED.has(slackErrorCode(error) ?? '')) throw error;
    deps.log.info(
      { modal: open.title, error: slackErrorCode(error) },
      'the modal was closed before it was filled',
    );
  }
}
