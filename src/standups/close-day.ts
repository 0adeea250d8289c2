import type { Queryable } from '../db/database.js';
import {
  claimStandupDay,
  lockStandupDay,
  markStandupDayClosed,
  standupDayPeople,
} from '../db/repos/standups.js';
import type { OutboxMessage } from '../db/repos/scheduler.js';
import { type ClosingDay, NOT_YET } from '../scheduler/ritual-kind.js';
import { standupDaySummary } from '../slack/views/standup/day-header.js';
import { summariseDay } from './day-summary.js';

/**
 * A stand-up day's close, inside the scheduler's transaction: the day's one channel message
 * becomes its summary. If answers already opened the day's thread, its header is edited; if nobody
 * answered, the summary is posted as the header (and a late answer goes in its thread). If an
 * answer is posting the header at this very moment, the close waits for it.
 */
export async function closeStandupDay(
  tx: Queryable,
  day: ClosingDay,
  now: Date,
): Promise<OutboxMessage[] | typeof NOT_YET> {
  const claimedNow = await claimStandupDay(tx, { ...day, now });
  const row = await lockStandupDay(tx, day);
  if (!row || row.closed) return [];
  const summary = standupDaySummary(summariseDay(day.localDate, await standupDayPeople(tx, day)));
  const target = { teamId: day.teamId, channelId: day.channelId, payload: summary };
  if (row.header_ts) {
    await markStandupDayClosed(tx, { ...day, now });
    return [
      {
        ...target,
        dedupeKey: `standup-close:${day.ritualId}:${day.localDate}`,
        updateTs: row.header_ts,
      },
    ];
  }
  if (claimedNow) {
    const key = `standup-header:${day.ritualId}:${day.localDate}`;
    await markStandupDayClosed(tx, { ...day, now, headerOutboxKey: key });
    return [{ ...target, dedupeKey: key }];
  }
  return NOT_YET;
}
