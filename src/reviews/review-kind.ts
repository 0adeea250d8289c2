import type { Queryable } from '../db/database.js';
import type { OutboxMessage } from '../db/repos/outbox.js';
import { answeredReview, openReview, packReview } from '../db/repos/reviews.js';
import { findRitual } from '../db/repos/rituals.js';
import type { ClosingDay, DueOccurrence, RitualRunner } from '../scheduler/ritual-kind.js';
import { buildReviewPack } from './review-pack.js';
import { reviewDmKey, reviewView } from './review-views.js';

/**
 * A review as the scheduler runs it (kind `review`, src/rituals/kinds.ts). Its occurrences come due
 * a week before the review (the ritual's lead): each member gets a DM asking for their answer, and
 * whoever has not answered a reminder a day before. Its close, at the review's own time, closes the
 * answers and posts the review pack in the channel, once.
 */
async function reviewMessages(tx: Queryable, due: readonly DueOccurrence[]): Promise<OutboxMessage[]> {
  for (const o of due.filter((d) => d.purpose === 'prompt')) {
    await openReview(tx, { ...keyOf(o), channelId: o.channelId, now: o.scheduledAt });
  }
  // Who among those to remind has answered: one read per review, for all of its members.
  const answered = new Set<string>();
  const byReview = new Map<string, DueOccurrence[]>();
  for (const o of due.filter((d) => d.purpose === 'reminder')) {
    const key = `${o.teamId}:${o.ritualId}:${o.localDate}`;
    byReview.set(key, [...(byReview.get(key) ?? []), o]);
  }
  for (const group of byReview.values()) {
    const [first] = group;
    if (!first) continue;
    const done = await answeredReview(
      tx,
      keyOf(first),
      group.map((o) => o.participantId),
    );
    for (const o of group) if (done.has(o.participantId)) answered.add(dmKey(o));
  }
  // Each ritual read once, however many of its members are due in this tick.
  const cadences = new Map<string, 'quarterly' | 'monthly'>();
  const cadenceOf = async (o: DueOccurrence) => {
    const key = `${o.teamId}:${o.ritualId}`;
    if (!cadences.has(key)) {
      const ritual = await findRitual(tx, o.teamId, o.ritualId);
      cadences.set(key, ritual?.cadence === 'monthly' ? 'monthly' : 'quarterly');
    }
    return cadences.get(key) ?? 'quarterly';
  };
  const messages: OutboxMessage[] = [];
  for (const o of due) {
    if (o.purpose === 'reminder' && answered.has(dmKey(o))) continue;
    messages.push({
      teamId: o.teamId,
      dedupeKey: dmKey(o),
      channelId: o.participantId,
      // It asks them to answer: it goes before notifications waiting for them.
      asks: true,
      ...reviewView('reviews.prompt', {
        ritualId: o.ritualId,
        reviewDate: o.localDate,
        channelId: o.channelId,
        cadence: await cadenceOf(o),
        reviewAt: o.closesAt.toISOString(),
        reminder: o.purpose === 'reminder',
      }),
    });
  }
  return messages;
}

const keyOf = (o: { teamId: string; ritualId: number; localDate: string }) => ({
  teamId: o.teamId,
  ritualId: o.ritualId,
  reviewDate: o.localDate,
});
const dmKey = (o: DueOccurrence) => reviewDmKey(o.purpose, o.ritualId, o.participantId, o.localDate);

/** The review's time: its answers close and its pack is posted, once. */
async function postPack(tx: Queryable, day: ClosingDay, now: Date): Promise<OutboxMessage[]> {
  const channelId = await packReview(tx, { ...keyOf(day), now });
  if (!channelId) return [];
  const ritual = await findRitual(tx, day.teamId, day.ritualId);
  const pack = await buildReviewPack(tx, {
    ...keyOf(day),
    channelId,
    cadence: ritual?.cadence === 'monthly' ? 'monthly' : 'quarterly',
    now,
  });
  return [
    {
      teamId: day.teamId,
      dedupeKey: `review-pack:${day.ritualId}:${day.localDate}`,
      channelId,
      ...reviewView('reviews.pack', pack),
    },
  ];
}

export const reviewKind: RitualRunner = { messagesFor: reviewMessages, close: postPack };
