import type { types } from '@slack/bolt';
import { LIMITS, truncate } from './blocks.js';

/** The callback_id of a modal that only says something: it has no submit, so none comes back. */
export const NOTICE_VIEW = 'rapport_notice';

const TITLE_MAX = 24;

/** The callback_id of the modal shown while the real one is being made. */
export const LOADING_VIEW = 'rapport_loading';

/** A modal with a title and one section of text, and only a Close button. */
export function noticeModal(title: string, text: string, callbackId = NOTICE_VIEW): types.ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: { type: 'plain_text', text: truncate(title, TITLE_MAX) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } }],
  };
}

/** What a modal shows for the moment between opening and being filled in. */
export const loadingModal = (title: string): types.ModalView =>
  noticeModal(title, ':hourglass_flowing_sand: Loading…', LOADING_VIEW);
