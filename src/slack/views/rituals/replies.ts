import type { RitualView } from '../../../rituals/rituals-service.js';
import { describeSchedule } from '../../../rituals/schedule.js';
import { context, header, message, plainMessage, type SlackMessage, section, slackTime } from '../blocks.js';

function nextRun(ritual: RitualView): string {
  if (ritual.paused) return 'paused';
  if (!ritual.next) return 'not scheduled';
  const forYou = ritual.schedule.zone === 'local' ? ' (for you)' : '';
  return `next ${slackTime(ritual.next.at)}${forYou}`;
}

function who(ritual: RitualView): string {
  return ritual.participants
    ? ritual.participants.map((id) => `<@${id}>`).join(', ')
    : 'everyone in the channel';
}

function line(ritual: RitualView): string {
  return `*${ritual.id}* · stand-up · ${describeSchedule(ritual.schedule)} · ${nextRun(ritual)} · ${who(ritual)}`;
}

export function ritualsHelp(): SlackMessage {
  return message('How to use /rituals', [
    header('Rituals'),
    section(
      [
        '`/rituals standup <days> <HH:MM> [local|<zone>]`: a stand-up in this channel, for example `/rituals standup mon-fri 09:30 local` (each person at 09:30 their time) or `/rituals standup mon,wed,fri 10:00 Europe/Berlin`. Days: `mon-fri`, `weekdays`, `daily`, or a list.',
        '`/rituals list`: this channel’s rituals, with their numbers and next run.',
        '`/rituals pause <n>` · `/rituals resume <n>` · `/rituals skip <n> <YYYY-MM-DD>` (one day off) · `/rituals remove <n>` (its creator or an admin).',
      ].join('\n'),
    ),
  ]);
}

export function ritualCreated(ritual: RitualView): SlackMessage {
  const text = `Stand-up ${ritual.id} is set: ${describeSchedule(ritual.schedule)}, ${nextRun(ritual)}. Questions: ${ritual.questions.map((q) => `“${q}”`).join(' ')}`;
  return message(text, [
    section(
      `:white_check_mark: Stand-up *${ritual.id}* is set: ${describeSchedule(ritual.schedule)}, ${nextRun(ritual)}.`,
    ),
    section(`*Questions*\n${ritual.questions.map((q) => `• ${q}`).join('\n')}`),
    context(
      `Participants: ${who(ritual)}. Change it with \`/rituals pause ${ritual.id}\`, \`skip\` or \`remove\`.`,
    ),
  ]);
}

export function ritualsList(rituals: RitualView[]): SlackMessage {
  if (rituals.length === 0) {
    return plainMessage(
      'This channel has no rituals yet. Start one with `/rituals standup mon-fri 09:30 local`.',
    );
  }
  return message(`This channel's rituals: ${rituals.map((r) => r.id).join(', ')}`, [
    header('Rituals in this channel'),
    ...rituals.map((r) => section(line(r))),
  ]);
}

export function ritualChanged(ritual: RitualView, what: 'paused' | 'resumed'): SlackMessage {
  return plainMessage(
    what === 'paused'
      ? `Stand-up ${ritual.id} is paused. \`/rituals resume ${ritual.id}\` starts it again.`
      : `Stand-up ${ritual.id} is running again: ${nextRun(ritual)}.`,
  );
}

export function ritualSkipped(ritual: RitualView, date: string, added: boolean): SlackMessage {
  return plainMessage(
    `${added ? 'Done' : 'Already so'}: no stand-up ${ritual.id} on ${date}. It runs ${nextRun(ritual)}.`,
  );
}

export function ritualRemoved(id: number): SlackMessage {
  return plainMessage(`Stand-up ${id} is removed. Its past check-ins stay in the export.`);
}
