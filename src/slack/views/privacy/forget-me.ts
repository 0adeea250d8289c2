import type { ErasureResult } from '../../../privacy/erasure.js';
import { RAPPORT } from '../../ids.js';
import { type Block, message, section, type SlackMessage } from '../blocks.js';

/**
 * The confirmation `/rapport forget-me` answers with: what it erases, and a danger button behind
 * Slack's confirmation dialog (docs.slack.dev/reference/block-kit/composition-objects/
 * confirmation-dialog-object: plain_text title ≤ 100, text ≤ 300, confirm and deny ≤ 30 characters,
 * style "danger"). `target` is the deactivated member an admin is erasing, or undefined for oneself.
 */
export function forgetMeConfirmation(target: string | undefined): SlackMessage {
  const whose = target ? `<@${target}>'s` : 'your';
  const what =
    `This erases ${whose} data from Rapport, for good: stand-up answers, settings and time zone are deleted; ` +
    `kudos, credits and other shared records keep the other person's side and show "a former member" instead. ` +
    'Anonymous pulse answers and retro notes stay as they are, unlinkable. It cannot be undone.';
  const button: Block = {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: RAPPORT.forgetMe,
        style: 'danger',
        text: { type: 'plain_text', text: target ? 'Erase this member' : 'Forget me' },
        value: target ?? '',
        confirm: {
          title: { type: 'plain_text', text: 'Erase for good?' },
          text: {
            type: 'plain_text',
            text: target
              ? "Their records are erased or anonymised in every channel this workspace reaches. This can't be undone."
              : "Your records are erased or anonymised in every channel this workspace reaches. This can't be undone.",
          },
          confirm: { type: 'plain_text', text: 'Erase' },
          deny: { type: 'plain_text', text: 'Keep' },
          style: 'danger',
        },
      },
    ],
  };
  return message(what, [section(what), button]);
}

/** After the button: done, with how much changed; or that there was nothing left. */
export function forgetMeDone(result: ErasureResult, target: string | undefined): SlackMessage {
  if (result.total === 0) {
    return message('Rapport holds nothing more to forget.', [
      section(
        target
          ? 'Rapport holds nothing more about that member: there was nothing left to erase.'
          : 'Rapport holds nothing more about you: there was nothing left to erase.',
      ),
    ]);
  }
  const text = target
    ? `Done: that member's records are erased (${result.total} changed). The audit log has the entry.`
    : `Done: Rapport has forgotten you (${result.total} records erased or anonymised).`;
  return message(text, [section(text)]);
}
