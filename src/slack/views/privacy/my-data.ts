import type { PrivacyViews } from '../../../privacy/privacy-views.js';
import { context, message, section, type SlackMessage } from '../blocks.js';

/** Said with "my data": never anyone's anonymous answers, not even the person's own. */
export const ANONYMOUS_NOT_INCLUDED =
  'Your pulse answers and anonymous retro notes are not in it: Rapport keeps them without your name, so nothing links them to you, not even for you.';

/** The DM the file follows in its thread. */
export function myDataDm(d: PrivacyViews['privacy.my-data']): SlackMessage {
  const lead =
    d.records === 0
      ? 'Rapport holds no records about you.'
      : `Here is everything Rapport holds about you: ${d.records} record${d.records === 1 ? '' : 's'}, one JSON object a line, in the file in this thread.`;
  const types = Object.entries(d.types)
    .map(([type, n]) => `${type.replace(/_/g, ' ')} ${n}`)
    .join(', ');
  return message(`${lead} ${ANONYMOUS_NOT_INCLUDED}`, [
    section(lead),
    ...(types ? [context(types)] : []),
    context(ANONYMOUS_NOT_INCLUDED),
  ]);
}

/** The command's answer, at once. */
export const myDataComing = (): SlackMessage =>
  message("I'm putting it together, it'll arrive in a DM.", [
    section("I'm putting together everything Rapport holds about you; it'll arrive in a DM."),
  ]);
