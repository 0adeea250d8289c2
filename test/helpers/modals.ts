import { LOADING_VIEW } from '../../src/slack/views/loading-modal.js';
import type { FakeSlack } from './fake-slack.js';

/**
 * The modal the nth views.open call opened, as the person sees it now: once the app has filled it
 * in (a modal that needs the database opens with a loading view and is filled by views.update).
 */
export async function openedModal<T = Record<string, unknown>>(slack: FakeSlack, n = 0): Promise<T> {
  return slack.waitFor(() => {
    const call = slack.callsTo('views.open')[n];
    if (!call) return undefined;
    const opened = slack.openedBy(String(call.args.trigger_id));
    const view = opened?.view ?? (call.args.view as Record<string, unknown>);
    return view.callback_id === LOADING_VIEW ? undefined : (view as T);
  });
}
