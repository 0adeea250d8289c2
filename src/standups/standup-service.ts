import type { webApi } from '@slack/bolt';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import {
  type Answer,
  claimStandupDay,
  findCheckin,
  saveAnswers,
  saveSkip,
  setCheckinMessage,
  setStandupDayHeader,
  standupDayHeader,
} from '../db/repos/checkins.js';
import { findRitual, type RitualRow } from '../db/repos/rituals.js';
import { RapportError, UserError } from '../errors.js';
import { checkinReply, standupHeader } from '../slack/views/standup/messages.js';
import { readAnswers } from './checkin.js';

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
    },

    async skip(key: CheckinKey): Promise<{ ritual: RitualRow; skipped: boolean }> {
      const ritual = await ritualFor(key);
      return { ritual, skipped: await saveSkip(deps.db, { ...key, now: deps.clock.now() }) };
    },
  };
}
