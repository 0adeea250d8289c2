import type { Queryable } from '../db/database.js';
import { lockStandupDay, markStandupDayClosed, standupDayPeople } from '../db/repos/standups.js';
import { enqueueMessages, type OutboxMessage } from '../db/repos/outbox.js';
import type { ClosingDay } from '../scheduler/ritual-kind.js';
import { summariseDay } from './day-summary.js';
import { standupKeys, standupView } from './standup-views.js';

/**
 * A stand-up day's close, inside the scheduler's transaction: the day's one channel message
 * becomes its summary. If answers already queued the day's header, it is edited once posted; if
 * nobody answered, the summary is posted as the header (and a late answer goes in its thread).
 * Answers lock the same day row, so the summary counts every answer saved before it.
 */
export async function closeStandupDay(tx: Queryable, day: ClosingDay, now: Date): Promise<OutboxMessage[]> {
  const { closed } = await lockStandupDay(tx, { ...day, now });
  if (closed) return [];
  await markStandupDayClosed(tx, { ...day, now });
  const summary = standupView(
    'standups.summary',
    summariseDay(day.localDate, await standupDayPeople(tx, day)),
  );
  const header = standupKeys.header(day.ritualId, day.localDate);
  const target = { teamId: day.teamId, channelId: day.channelId, ...summary };
  const posted = await enqueueMessages(tx, [{ ...target, dedupeKey: header }], now);
  if (posted.has(header)) return [];
  return [{ ...target, dedupeKey: standupKeys.close(day.ritualId, day.localDate), updateOf: header }];
}
