import type { AuditLine } from '../../../audit/audit.js';
import { context, LIMITS, message, type SlackMessage, section, slackTime, truncate } from '../blocks.js';

/** "<!date…> · <@U…> set the daily kudos budget to 5 in <#C…>" */
export function auditLineText(line: AuditLine): string {
  const who =
    line.actor.kind === 'person'
      ? `<@${line.actor.userId}>`
      : line.actor.kind === 'rapport'
        ? 'Rapport'
        : 'Someone whose data was since erased';
  const where = line.channelId ? ` in <#${line.channelId}>` : '';
  // Only the words are cut, so the date, the mentions and the channel always stay whole.
  return `${slackTime(line.at)} · ${who} ${truncate(line.text, 200)}${where}`;
}

/** `/rapport audit`: the latest changes to how Rapport runs, newest first; or that there are none. */
export function auditLogMessage(lines: readonly AuditLine[]): SlackMessage {
  if (lines.length === 0) {
    return message('The audit log is empty', [
      section('*Audit log*\nNo one has changed how Rapport runs here yet: nothing is recorded.'),
    ]);
  }
  // One line each (at most ~320 characters), five to a section, so none comes near its limit.
  const texts = lines.map(auditLineText);
  const sections = [];
  for (let i = 0; i < texts.length; i += 5) sections.push(section(texts.slice(i, i + 5).join('\n')));
  const latest = lines.length === 1 ? 'change' : `${lines.length} changes`;
  return message(
    `The audit log: the latest ${latest}`,
    [
      section(`*Audit log*: the latest ${latest}, newest first`),
      ...sections,
      context(
        'Budgets, kudos emoji, sides, rituals, charters, retention and erasures, with who and when; never what anyone wrote. `npm run export` has them all.',
      ),
    ].slice(0, LIMITS.blocksPerMessage),
  );
}
