import { DateTime } from 'luxon';
import { AUDIENCE, KIND_LABELS, type RitualKindId } from '../../../rituals/kinds.js';
import type { RitualView } from '../../../rituals/rituals-service.js';
import { describeSchedule } from '../../../rituals/schedule.js';
import { RITUAL_SETTINGS } from '../../ids.js';
import type { Block, SlackMessage } from '../blocks.js';
import {
  context,
  escapeMrkdwn,
  header,
  listOf,
  message,
  plainMessage,
  section,
  slackTime,
  truncate,
  LIMITS,
} from '../blocks.js';

/** "Friday, 20 November". */
const dayOf = (localDate: string) => DateTime.fromISO(localDate).toFormat('cccc, d LLLL');

function nextRun(ritual: RitualView): string {
  if (ritual.paused) return 'paused';
  if (!ritual.next) return 'not scheduled';
  const forYou = ritual.schedule.zone === 'local' ? ' (for you)' : '';
  // A review's occurrence comes due when its forms go out; the review itself is on its date.
  if (ritual.kind === 'review')
    return `next on ${dayOf(ritual.next.localDate)}, forms go out: ${slackTime(ritual.next.at)}`;
  // After a colon: Slack capitalises a "Tomorrow" that opens a date's format.
  return `next run: ${slackTime(ritual.next.at)}${forYou}`;
}

function who(ritual: RitualView): string {
  return ritual.participants
    ? ritual.participants.map((id) => `<@${id}>`).join(', ')
    : 'everyone in the channel';
}

function line(ritual: RitualView): string {
  return `*${ritual.id}* · ${KIND_LABELS[ritual.kind]} · ${describeSchedule(ritual.schedule)} · ${nextRun(ritual)} · ${who(ritual)}`;
}

/** A line of the list, with a button that opens the ritual's settings. */
function lineWithEdit(ritual: RitualView): Block {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(line(ritual), LIMITS.sectionText) },
    accessory: {
      type: 'button',
      action_id: RITUAL_SETTINGS.edit,
      text: { type: 'plain_text', text: 'Edit' },
      value: String(ritual.id),
    },
  };
}

function closing(ritual: RitualView): string {
  const hours = ritual.close_after_minutes / 60;
  const close = Number.isInteger(hours)
    ? `${hours} hour${hours === 1 ? '' : 's'}`
    : `${ritual.close_after_minutes} minutes`;
  const reminder = ritual.reminder_before_close_minutes;
  return `Closes ${close} after the prompt; ${reminder === null ? 'no reminder' : `a reminder ${reminder} minutes before the close`}.`;
}

export function ritualsHelp(): SlackMessage {
  return message('How to use /rituals', [
    header('Rituals'),
    section(
      [
        '`/rituals`: a form to create a ritual in this channel or change one of its rituals: days, time, whose clock, questions, participants, close and reminder.',
        '`/rituals standup <days> <HH:MM> [local|<zone>]`: a stand-up in this channel, for example `/rituals standup mon-fri 09:30 local` (each person at 09:30 their time) or `/rituals standup mon,wed,fri 10:00 Europe/Berlin`. Days: `mon-fri`, `weekdays`, `daily`, or a list.',
        '`/rituals retro <weekly|biweekly|monthly> <day> <HH:MM> [local|<zone>]` · `/rituals pulse …` the same way: a retro or a pulse check.',
        '`/rituals digest <day> <HH:MM> [<zone>]`: the weekly alliance-health digest, posted in this channel, for example `/rituals digest mon 09:00 Europe/Berlin`.',
        '`/rituals review <quarterly|monthly> <day> <HH:MM> [<zone>]`: a review on the first such day of each quarter (or month), for example `/rituals review quarterly mon 10:00 Europe/Berlin`. A week before, each member gets a short form (top 3 priorities, what helped most, one thing to change); at the review the pack is posted here: the priorities side by side with those both sides share, the health trend, the value given, what is still open, and the charter.',
        '`/rituals pairs <weekly|biweekly|monthly> <day> <HH:MM> [<zone>]`: coffee pairs, for example `/rituals pairs weekly mon 10:00`. Each round pairs those who joined (`/pairs join`), across the sides wherever it can, and opens a conversation for each pair with a starter and two times that suit both; halfway, it asks whether they met.',
        '`/rituals skills monthly <day> <HH:MM> [<zone>]`: skill-share pairs, for example `/rituals skills monthly mon 10:00`. Each month pairs someone who wants to learn a skill with someone who offers it (`/pairs skills`), and suggests a walkthrough, a pairing session or a critique.',
        '`/rituals playbook alliance`: the recommended cadence for an alliance in one step (a kickoff charter prompt, a weekday stand-up, a biweekly retro, a monthly pulse, a weekly digest, a quarterly review), after a form that lists what it creates; `/rituals playbook project <YYYY-MM-DD> [name]` does the same for a project, with a debrief prompt on its end date. What each creates is in playbooks.json.',
        '`/rituals list`: this channel’s rituals, with their numbers and next run, each with an Edit button.',
        '`/rituals edit <n>`: the form for ritual n. Name participants there to prompt only them; leave it empty for everyone in the channel, as people join and leave.',
        '`/rituals run <n>`: its next occurrence, now.',
        '`/rituals pause <n>` · `/rituals resume <n>` · `/rituals skip <n> <YYYY-MM-DD>` (one day off) · `/rituals remove <n>` (its creator or an admin).',
      ].join('\n'),
    ),
  ]);
}

export function ritualCreated(ritual: RitualView, what: 'set' | 'changed' = 'set'): SlackMessage {
  const questions = ritual.questions.map(escapeMrkdwn);
  const name = capitalized(ritual);
  const asked = questions.length > 0 ? ` Questions: ${questions.map((q) => `“${q}”`).join(' ')}` : '';
  const text = `${name} ${ritual.id} is ${what}: ${describeSchedule(ritual.schedule)}, ${nextRun(ritual)}.${asked}`;
  return message(text, [
    section(
      `:white_check_mark: ${name} *${ritual.id}* is ${what}: ${describeSchedule(ritual.schedule)}, ${nextRun(ritual)}.`,
    ),
    ...(questions.length > 0
      ? [
          section(
            `*${ritual.kind === 'pulse' ? 'Statements' : 'Questions'}*\n${questions.map((q) => `• ${q}`).join('\n')}`,
          ),
        ]
      : []),
    context(
      ritual.kind === 'review'
        ? `A week before each review, everyone in the channel gets a short form by DM, and a reminder a day before if they have not answered. At the review's time the pack is posted here. \`/rituals run ${ritual.id}\` sends the forms now; \`pause\`, \`skip\` or \`remove\` change it.`
        : ritual.kind === 'digest'
          ? `Each time, the digest of the 7 days before is posted in this channel, with a chart of the last 8 weeks in its thread. \`/health post\` posts one now; \`/rituals pause ${ritual.id}\`, \`skip\` or \`remove\` change it.`
          : `Participants: ${who(ritual)}. ${closing(ritual)} Change it with \`/rituals edit ${ritual.id}\`, \`pause\`, \`skip\` or \`remove\`.`,
    ),
  ]);
}

export function ritualRunning(run: {
  ritual: { id: number; kind: RitualKindId };
  dates: string[];
  people: number;
}): SlackMessage {
  const days = listOf(run.dates.map(dayOf));
  const name = `${capitalized(run.ritual)} ${run.ritual.id}`;
  if (AUDIENCE[run.ritual.kind] === 'channel') return plainMessage(`${name} runs now, for ${days}.`);
  const people = run.people === 1 ? '1 person' : `${run.people} people`;
  const zones = run.dates.length > 1 ? ' (each in their own time zone)' : '';
  return plainMessage(
    `${name} runs now for ${days}${zones}: prompts are going to ${people}, except anyone away or already answered.`,
  );
}

export function ritualsList(rituals: RitualView[]): SlackMessage {
  if (rituals.length === 0) {
    return plainMessage(
      'This channel has no rituals yet. Start one with `/rituals` (a form) or `/rituals standup mon-fri 09:30 local`.',
    );
  }
  const shown = rituals.slice(0, LIST_SHOWN);
  const rest = rituals.slice(LIST_SHOWN);
  return message(`This channel's rituals: ${rituals.map((r) => r.id).join(', ')}`, [
    header('Rituals in this channel'),
    ...shown.map(lineWithEdit),
    ...(rest.length > 0
      ? [
          context(
            `…and ${rest.length} more, numbered up to ${Math.max(...rest.map((r) => r.id))}: \`/rituals edit <n>\` edits one.`,
          ),
        ]
      : []),
  ]);
}

/** A message holds 50 blocks: the header, this many rituals with their Edit buttons, and a line for the rest. */
const LIST_SHOWN = 40;

export function ritualChanged(ritual: RitualView, what: 'paused' | 'resumed'): SlackMessage {
  return plainMessage(
    what === 'paused'
      ? `${capitalized(ritual)} ${ritual.id} is paused. \`/rituals resume ${ritual.id}\` starts it again.`
      : `${capitalized(ritual)} ${ritual.id} is running again: ${nextRun(ritual)}.`,
  );
}

export function ritualSkipped(ritual: RitualView, date: string, added: boolean): SlackMessage {
  return plainMessage(
    `${added ? 'Done' : 'Already so'}: no ${KIND_LABELS[ritual.kind]} ${ritual.id} on ${date}. It runs ${nextRun(ritual)}.`,
  );
}

export function ritualRemoved(ritual: { id: number; kind: RitualKindId }): SlackMessage {
  return plainMessage(
    `${capitalize(KIND_LABELS[ritual.kind])} ${ritual.id} is removed. What it recorded stays in the export.`,
  );
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const capitalized = (ritual: { kind: RitualKindId }) => capitalize(KIND_LABELS[ritual.kind]);
