import { summaryOf, type ResponsivenessInputs } from '../../../health/responsiveness.js';
import type { ResponsivenessDone, ResponsivenessStatus } from '../../../health/responsiveness-service.js';
import { type SideNames, sideName } from '../../../health/side-names.js';
import { plainMessage, type SlackMessage, truncate } from '../blocks.js';

/** "45 min", "3 h", "1 h 30 min"; an unanswered question's place, "over 5 working days". */
export function workingTime(minutes: number | null): string {
  if (minutes === null) return 'over 5 working days';
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}

/**
 * The responsiveness line of a scorecard: off, as such; else each side's questions with their
 * median and 90th percentile wait in working time and how many went unanswered.
 */
export function responsivenessLine(r: ResponsivenessInputs | null, names?: SideNames): string {
  if (!r)
    return 'Responsiveness across sides: off (a workspace admin turns it on with `/health responsiveness on`)';
  const head = `Responsiveness across sides (target ${workingTime(r.targetMinutes)} of working time)`;
  const sides = r.waits.filter((w) => w.minutes.length > 0).map(summaryOf);
  if (sides.length === 0) return `${head}: no question got its answer, or waited 5 working days, this week`;
  const parts = sides.map(
    (s) =>
      `${truncate(sideName(names, s.side), 60)}'s ${s.asked} question${s.asked === 1 ? '' : 's'}: first reply in ${workingTime(s.medianMinutes)} (median), ${workingTime(s.p90Minutes)} (90%), ${s.unanswered} unanswered`,
  );
  return `${head}: ${parts.join('; ')}`;
}

/** `/health responsiveness`: whether it is on, what it records, and what was just done. */
export function responsivenessReply(
  channelId: string,
  status: ResponsivenessStatus,
  did?: ResponsivenessDone,
): SlackMessage {
  const what =
    'While it is on, Rapport records only when a question or request opened a thread, the asker’s side and zone, and when the first reply from another side came, with that side and zone: never the text, never who wrote it.';
  if (!status.on) {
    const done =
      did?.kind === 'turned_off'
        ? `Responsiveness is now off in <#${channelId}>: Rapport stopped recording, and erased the ${did.erased} question thread${did.erased === 1 ? '' : 's'} it had recorded. Weeks already stored keep their figures.`
        : `Responsiveness is off in <#${channelId}>: nothing is recorded.`;
    return plainMessage(
      `${done}\nA workspace admin turns it on with \`/health responsiveness on\` (a target too: \`/health responsiveness on 2h\`; the default is 4 working hours). ${what}`,
    );
  }
  const head =
    did?.kind === 'turned_on'
      ? `Responsiveness is now on in <#${channelId}>.`
      : did?.kind === 'target_set'
        ? `The responsiveness target of <#${channelId}> is now ${workingTime(status.targetMinutes)} of working time.`
        : `Responsiveness is on in <#${channelId}> since ${status.turnedOnAt.toISOString().slice(0, 10)} (turned on by <@${status.turnedOnBy}>).`;
  return plainMessage(
    [
      head,
      `Target: ${workingTime(status.targetMinutes)} of working time (Monday to Friday, 09:00–17:00 in the replier’s zone). Questions recorded so far: ${status.questions}. A question with no reply from another side in 5 working days counts as unanswered.`,
      what,
      '`/health responsiveness target 2h` changes the target; `/health responsiveness off` stops it and erases what it recorded.',
    ].join('\n'),
  );
}
