import type { types } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { SOMETHING_WENT_WRONG, UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import { slackErrorCode } from './errors.js';
import { loadingModal, noticeModal } from './views/loading-modal.js';

/** The view is gone (closed meanwhile) or changed since it was opened: views.update's answers. */
const CLOSED_OR_CHANGED: ReadonlySet<string> = new Set(['not_found', 'hash_conflict']);

/**
 * Opens a modal whose content needs the database. A trigger_id expires 3 seconds after Slack sends
 * it, and nothing reaches Slack before the listener ends (processBeforeResponse), so views.open
 * goes first with a small loading view, and the view `build` makes replaces it by views.update
 * (its view_id and hash). A UserError from `build` is shown in the modal; anything else is logged
 * and the modal says it went wrong: either way the person is never left with "Loading…".
 */
export async function openModalThenFill(
  deps: { client: WebClient; log: Logger },
  open: { triggerId: string; title: string },
  build: () => Promise<types.ModalView>,
): Promise<void> {
  const opened = await deps.client.views.open({ trigger_id: open.triggerId, view: loadingModal(open.title) });
  const viewId = opened.view?.id;
  if (!viewId) throw new Error('views.open answered without the view it opened');
  let view: types.ModalView;
  try {
    view = await build();
  } catch (error) {
    if (!(error instanceof UserError)) {
      deps.log.error({ err: error, modal: open.title }, 'filling a modal failed');
    }
    view = noticeModal(open.title, error instanceof UserError ? error.userMessage : SOMETHING_WENT_WRONG);
  }
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
