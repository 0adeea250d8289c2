import type { BudgetRefusal } from '../../../kudos/budget.js';
import type { BudgetStatus } from '../../../kudos/kudos-service.js';
import { plainMessage, type SlackMessage, slackTime } from '../blocks.js';

/** "3 h 20 min", "45 min": how long until `to`. */
function timeUntil(from: Date, to: Date): string {
  const minutes = Math.max(1, Math.ceil((to.getTime() - from.getTime()) / 60_000));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Why kudos were refused: over the giver's daily budget. Nothing was recorded. */
export function overBudgetReply(r: BudgetRefusal): SlackMessage {
  const left = Math.max(0, r.budget - r.used);
  const reset = `midnight your time (${slackTime(r.resetsAt)}, in ${timeUntil(r.now, r.resetsAt)})`;
  if (left === 0) {
    return plainMessage(
      `:hourglass: You have given all ${r.budget} of today's kudos (this workspace's daily budget), so nothing was recorded. You have 0 left; your budget starts again at ${reset}.`,
    );
  }
  return plainMessage(
    `:hourglass: That would be ${r.wanted} kudos, and you have ${left} of today's ${r.budget} left (this workspace's daily budget), so nothing was recorded. Thank fewer people now, or the rest after your budget starts again at ${reset}.`,
  );
}

export function kudosBudgetReply(status: BudgetStatus): SlackMessage {
  if (status.budget === null) {
    return plainMessage(
      'There is no daily kudos budget in this workspace: give as many kudos as you like. Workspace admins can set one, for example `/kudos budget 5`.',
    );
  }
  const left = Math.max(0, status.budget - status.usedToday);
  return plainMessage(
    `Each person can give up to ${status.budget} kudos a day, counted from midnight to midnight in their own time zone. You have ${left} left today; yours starts again at ${slackTime(status.resetsAt)}.`,
  );
}

export function kudosBudgetChanged(budget: number | null): SlackMessage {
  return plainMessage(
    budget === null
      ? 'The daily kudos budget is off: everyone can give as many kudos as they like.'
      : `Each person can now give up to ${budget} kudos a day, counted in their own time zone.`,
  );
}
