import type { RetentionStatus } from '../../../retention/retention-service.js';
import { message, type SlackMessage, section, slackTime } from '../blocks.js';

/** "kept 90 days", "kept 1 day", "kept forever". */
export function keptFor(days: number | null): string {
  if (days === null) return 'kept forever';
  return `kept ${days} ${days === 1 ? 'day' : 'days'}`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** `/rapport retention`: the settings in plain words, then the last run and what it erased here. */
export function retentionReply(status: RetentionStatus): SlackMessage {
  const { days, lastRun } = status;
  const settings = [
    '*Retention*',
    `• Stand-up answers: ${keptFor(days.checkinsDays)}`,
    `• Retro notes: ${keptFor(days.notesDays)}`,
    `• Kudos reactions and delivery records: ${keptFor(days.eventsDays)}`,
    '',
    'Set by RETENTION_DAYS_CHECKINS, RETENTION_DAYS_NOTES and RETENTION_DAYS_EVENTS where Rapport runs. ' +
      'Erasing text keeps the counts: past health digests show the same numbers.',
  ];
  const run = lastRun
    ? [
        `*Last run:* ${lastRun.runDate} (${slackTime(lastRun.ranAt)})`,
        `In this workspace it erased the answers of ${plural(lastRun.erased.checkins, 'stand-up check-in', 'stand-up check-ins')} ` +
          `and the text of ${plural(lastRun.erased.notes, 'retro note', 'retro notes')}, and deleted ` +
          `${plural(lastRun.erased.reactions, 'reaction record', 'reaction records')} and ` +
          `${plural(lastRun.erased.deliveries, 'delivery record', 'delivery records')}.`,
      ]
    : ['*Last run:* not yet. It runs once a day.'];
  const text = [...settings, '', ...run].join('\n');
  return message('Retention settings', [section(text)]);
}
