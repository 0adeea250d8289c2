import type { webApi } from '@slack/bolt';
import { DateTime } from 'luxon';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import {
  type Answer,
  claimStandupDay,
  clearAway,
  findCheckin,
  isStandupDayClosed,
  saveAnswers,
  saveSkip,
  setAway,
  setCheckinMessage,
  setStandupDayHeader,
  standupDayHeader,
  standupDayPeople,
  standupsOf,
} from '../db/repos/standups.js';
import { findRitual, type RitualRow } from '../db/repos/rituals.js';
import { RapportError, UserError } from '../errors.js';
import { standupDaySummary, standupHeader } from '../slack/views/standup/day-header.js';
import { checkinReply } from '../slack/views/standup/messages.js';
import { readAnswers } from './checkin.js';
import { summariseDay } from './day-summary.js';

export type StandupSlack = { chat: Pick<webApi.WebClient['chat'], 'postMessage' | 'update'> };
export type CheckinKey = { teamId: string; userId: string; ritualId: number; localDate: string };

const HEADER_WAIT_MS = 5_000;

export type StandupService = ReturnType<typeof createStandupService>;

/** A person's stand-up day: opening it, answering, skipping, and the answers' place in the thread. */
export function createStandupService(deps: { db: Database; clock: Clock; slack: StandupSlack }) {
  const ritualFor = async (key: CheckinKey): Promise<RitualRow> => {
    const ritual = await findRitual(deps.db, key.teamId, key.ritualId);
    if (!ritual) throw new UserError('This stand-up no longer exists; nothing was saved.', 'ritual_gone');
    return ritual;
  };

  /** The day's header ts: posted by whoever claims the day first; others wait for it. */
  const dayHeader = async (ritual: RitualRow, localDate: string): Promise<string> => {
    const day = { teamId: ritual.team_id, ritualId: ritual.id, localDate };
    if (await claimStandupDay(deps.db, { ...day, channelId: ritual.channel_id, now: deps.clock.now() })) {
      const posted = await deps.slack.chat.postMessage({
        channel: ritual.channel_id,
        ...standupHeader(localDate),
      });
      if (!posted.ts) throw new RapportError('slack_no_ts', 'the stand-up header was posted without a ts');
      await setStandupDayHeader(deps.db, { ...day, headerTs: posted.ts });
      return posted.ts;
    }
    const deadline = Date.now() + HEADER_WAIT_MS;
    for (;;) {
      const ts = await standupDayHeader(deps.db, day);
      if (ts) return ts;
      if (Date.now() > deadline)
        throw new RapportError('standup_header_missing', 'the day header never appeared');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  return {
    /** What the modal needs: the ritual's questions and any answers already given that day. */
    async open(key: CheckinKey): Promise<{ ritual: RitualRow; answers: Answer[] | undefined }> {
      const ritual = await ritualFor(key);
      const checkin = await findCheckin(deps.db, key);
      return { ritual, answers: checkin?.status === 'answered' ? checkin.answers : undefined };
    },

    /** Saves the answers; the thread post follows with `publish`. */
    async answer(key: CheckinKey, raw: (string | undefined)[]) {
      const ritual = await ritualFor(key);
      const { answers, blocker } = readAnswers(ritual.questions, raw);
      await saveAnswers(deps.db, { ...key, answers, blocker, now: deps.clock.now() });
      return { ritual, answers, blocker };
    },

    /** Posts the answers in the day's thread, or edits the earlier post: never a second one. */
    async publish(key: CheckinKey): Promise<void> {
      const ritual = await ritualFor(key);
      const checkin = await findCheckin(deps.db, key);
      if (!checkin || checkin.status !== 'answered') return;
      const reply = checkinReply({ userId: key.userId, answers: checkin.answers, blocker: checkin.blocker });
      if (checkin.message_ts) {
        await deps.slack.chat.update({ channel: ritual.channel_id, ts: checkin.message_ts, ...reply });
        return;
      }
      const thread = await dayHeader(ritual, key.localDate);
      const posted = await deps.slack.chat.postMessage({
        channel: ritual.channel_id,
        thread_ts: thread,
        ...reply,
      });
      if (posted.ts) await setCheckinMessage(deps.db, { ...key, messageTs: posted.ts });
      // A late answer, after the day closed: its summary counts them now.
      if (await isStandupDayClosed(deps.db, key)) {
        const people = await standupDayPeople(deps.db, key);
        await deps.slack.chat.update({
          channel: ritual.channel_id,
          ts: thread,
          ...standupDaySummary(summariseDay(key.localDate, people)),
        });
      }
    },

    /**
     * Today's check-in for /checkin: the stand-up of the channel the command is typed in, or the
     * person's only stand-up. "Today" is the day of a prompt still open, else the person's date in
     * the stand-up's zone.
     */
    async today(teamId: string, userId: string, channelId: string): Promise<CheckinKey> {
      const now = deps.clock.now();
      const mine = await standupsOf(deps.db, teamId, userId, now);
      const here = mine.find((s) => s.channel_id === channelId) ?? (mine.length === 1 ? mine[0] : undefined);
      if (!here) {
        throw new UserError(
          mine.length === 0
            ? 'You are not in any stand-up yet. A channel starts one with `/rituals standup mon-fri 09:30 local`.'
            : `You are in several stand-ups: type \`/checkin\` in one of ${mine.map((s) => `<#${s.channel_id}>`).join(', ')}.`,
        );
      }
      // A prompt still open past midnight keeps its own day; otherwise it is today, answered early.
      const localDate = here.open_date ?? DateTime.fromJSDate(now, { zone: here.zone }).toISODate() ?? '';
      return { teamId, userId, ritualId: here.ritual_id, localDate };
    },

    /** Away until a date (inclusive, in the person's own zone): no prompts, shown as away. */
    async away(teamId: string, userId: string, until: string, zone: string): Promise<void> {
      const today = DateTime.fromJSDate(deps.clock.now(), { zone }).toISODate() ?? '';
      if (until < today) throw new UserError(`${until} has passed; give the last day you are away.`);
      await setAway(deps.db, { teamId, userId, until, now: deps.clock.now() });
    },

    back: (teamId: string, userId: string) => clearAway(deps.db, teamId, userId),

    async skip(key: CheckinKey): Promise<{ ritual: RitualRow; skipped: boolean }> {
      const ritual = await ritualFor(key);
      return { ritual, skipped: await saveSkip(deps.db, { ...key, now: deps.clock.now() }) };
    },
  };
}
