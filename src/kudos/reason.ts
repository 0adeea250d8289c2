import { type CheckedText, checkUserText, cleanUserText, type TextShape } from '../user-text.js';

export const MAX_REASON_LENGTH = 500;

/** A reason comes escaped by Slack (a command's text, or the form's, escaped alike) and may span lines. */
const REASON: TextShape = { multiline: true, escaped: true };

/**
 * The reason as it is kept and reposted: control characters removed, and @channel, @here,
 * @everyone and user-group mentions turned into plain words, so quoting a reason never pings a crowd.
 */
export const sanitizeReason = (slackText: string): string => cleanUserText(slackText, REASON);

/** A reason as it is kept, measured as its reader will see it against MAX_REASON_LENGTH. */
export const checkReason = (
  slackText: string,
  tooLong: (length: number, max: number) => string,
): CheckedText => checkUserText(slackText, { ...REASON, max: MAX_REASON_LENGTH, tooLong });
