import type { Queryable } from '../db/database.js';
import { answeredAmong, closeRound, openRound, participantKey, roundResponses } from '../db/repos/pulse.js';
import type { OutboxMessage } from '../db/repos/outbox.js';
import type { ClosingDay, DueOccurrence, RitualRunner } from '../scheduler/ritual-kind.js';
import { zoneNoticesFor } from '../rituals/zone-notice.js';
import { pulseDmKey, pulseView } from './pulse-views.js';
import { MAX_STATEMENTS, summariseRound } from './results.js';

/**
 * A pulse check's DMs: a prompt opens its round (with the statements it asks); a reminder goes
 * only to whoever has not answered. The scheduler counts a person as settled only by a stand-up
 * check-in, so the pulse check decides that here, from who took part.
 */
async function pulseMessages(tx: Queryable, due: readonly DueOccurrence[]): Promise<OutboxMessage[]> {
  // A survey needs one to ten statements (the settings form allows no more); without them there is
  // nothing to ask, and failing here would fail every other ritual's prompts in the same tick.
  const asking = due.filter((o) => o.questions.length > 0 && o.questions.length <= MAX_STATEMENTS);
  const opened = new Set<string>();
  for (const o of asking.filter((p) => p.purpose === 'prompt')) {
    const round = roundOf(o);
    const key = participantKey({ ...round, userId: '' });
    if (opened.has(key)) continue;
    opened.add(key);
    await openRound(tx, { ...round, channelId: o.channelId, statements: o.questions });
  }
  const answered = await answeredAmong(
    tx,
    asking.filter((o) => o.purpose === 'reminder').map((o) => ({ ...roundOf(o), userId: o.participantId })),
  );
  const occurrences = asking.filter(
    (o) =>
      o.purpose === 'prompt' || !answered.has(participantKey({ ...roundOf(o), userId: o.participantId })),
  );
  const zones = await zoneNoticesFor(tx, occurrences);
  return occurrences.map((o, i) => {
    const zone = zones[i];
    return {
      teamId: o.teamId,
      dedupeKey: pulseDmKey(o.purpose, o.ritualId, o.participantId, o.localDate),
      channelId: o.participantId,
      // It asks them to answer: it goes before notifications waiting for them.
      asks: true,
      ...pulseView('pulse.prompt', {
        ...roundOf(o),
        channelId: o.channelId,
        statements: o.questions,
        reminderClosesAt: o.purpose === 'reminder' ? o.closesAt : undefined,
        ...(zone ? { zone } : {}),
      }),
    };
  });
}

const roundOf = (o: DueOccurrence) => ({ teamId: o.teamId, ritualId: o.ritualId, roundDate: o.localDate });

/** The round's close: its results, posted to the channel once. */
async function closePulseRound(tx: Queryable, day: ClosingDay, now: Date): Promise<OutboxMessage[]> {
  const key = { teamId: day.teamId, ritualId: day.ritualId, roundDate: day.localDate };
  const round = await closeRound(tx, { ...key, now });
  if (!round) return [];
  const results = summariseRound(round.statements, await roundResponses(tx, key));
  return [
    {
      teamId: day.teamId,
      dedupeKey: `pulse-close:${day.ritualId}:${day.localDate}`,
      channelId: round.channel_id,
      ...pulseView('pulse.results', { channelId: round.channel_id, roundDate: round.round_date, results }),
    },
  ];
}

export const pulseKind: RitualRunner = { messagesFor: pulseMessages, close: closePulseRound };
