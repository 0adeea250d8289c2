import type { types } from '@slack/bolt';

/**
 * A modal form: submitted back under `callbackId` with `metadata` as its private_metadata, with a
 * `submit` button and Cancel.
 */
export function formModal(form: {
  callbackId: string;
  metadata: string;
  title: string;
  submit: string;
  blocks: types.ModalView['blocks'];
}): types.ModalView {
  return {
    type: 'modal',
    callback_id: form.callbackId,
    private_metadata: form.metadata,
    title: { type: 'plain_text', text: form.title },
    submit: { type: 'plain_text', text: form.submit },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: form.blocks,
  };
}
