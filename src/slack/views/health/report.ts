import type { HealthViews } from '../../../health/health-views.js';
import { escapeMrkdwn, message, type SlackMessage, section } from '../blocks.js';

/** The impact report's post in the channel; the file follows in its thread. */
export function reportPost(d: HealthViews['health.report']): SlackMessage {
  return message(d.title, [
    section(
      `:page_facing_up: *${escapeMrkdwn(d.title)}*, asked for by <@${d.requestedBy}>: the health score and pillars with their chart, delivered work with everyone credited, the value each side gave, recognition across the sides, decisions, retros and what worked. The ${d.format === 'pdf' ? 'PDF' : 'HTML page'} is in the thread.`,
    ),
  ]);
}
