import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Queryable } from '../src/db/database.js';
import type { Weekday } from '../src/rituals/cadence.js';
import { nextOccurrence } from '../src/rituals/schedule.js';

/** What a scenario put in the database: `due` slots come due at exactly `dueAt`, the rest later. */
export type Seeded = { rituals: number; localRituals: number; slots: number; zones: number; due: number };

/** Rituals as `/rituals standup` stores them, with each participant's slot. */
type SeedRitual = {
  teamId: string;
  channelId: string;
  days: Weekday[];
  time: string;
  /** 'local' or an IANA zone. */
  zone: string;
  participants: { userId: string; zone: string }[];
};

export const ZONES = [
  'Pacific/Honolulu', 'America/Anchorage', 'America/Los_Angeles', 'America/Vancouver', 'America/Denver',
  'America/Phoenix', 'America/Chicago', 'America/Mexico_City', 'America/New_York', 'America/Toronto',
  'America/Bogota', 'America/Lima', 'America/Caracas', 'America/Halifax', 'America/St_Johns',
  'America/Sao_Paulo', 'America/Argentina/Buenos_Aires', 'America/Santiago', 'Atlantic/Azores',
  'Atlantic/Reykjavik', 'Europe/London', 'Europe/Dublin', 'Europe/Lisbon', 'Europe/Paris', 'Europe/Berlin',
  'Europe/Madrid', 'Europe/Rome', 'Europe/Amsterdam', 'Europe/Stockholm', 'Europe/Warsaw', 'Africa/Lagos',
  'Africa/Johannesburg', 'Africa/Cairo', 'Africa/Nairobi', 'Europe/Athens', 'Europe/Helsinki',
  'Europe/Istanbul', 'Asia/Dubai', 'Asia/Tehran', 'Asia/Karachi', 'Asia/Kolkata', 'Asia/Kathmandu',
  'Asia/Dhaka', 'Asia/Bangkok', 'Asia/Singapore', 'Asia/Shanghai', 'Asia/Tokyo', 'Australia/Adelaide',
  'Australia/Sydney', 'Pacific/Auckland',
]; // prettier-ignore

const QUESTIONS = [
  'What did you get done since last time?',
  'What will you do next?',
  'Anything blocking you?',
];
const RITUALS = 2_000;
const WORKSPACES = 20;
const PEOPLE_PER_WORKSPACE = 300;
/** A distributed workspace has people in a handful of zones; together the workspaces cover all 50. */
const ZONES_PER_WORKSPACE = 5;
const LOCAL_SHARE = 0.4;
const DAY_PATTERNS: { share: number; days: Weekday[] }[] = [
  { share: 0.7, days: [1, 2, 3, 4, 5] },
  { share: 0.2, days: [1, 2, 3, 4, 5, 6, 7] },
  { share: 0.1, days: [1, 3, 5] },
];

/**
 * 2,000 stand-ups in 20 workspaces of 300 people spread over 50 zones: 40% `local` (each person at
 * the time in their own zone), the rest in one zone for everyone; 3 to 15 people each, most about
 * 6, so a person is in two or three. Rituals are picked, in random order, to come due at `dueAt`
 * (a `local` one only for its people whose clock then shows its time) until exactly `dueCount`
 * prompts are due; every other time is one that is not due then. Seeded from a fixed number, so
 * every run seeds the same rows.
 */
export async function seedManyRituals(q: Queryable, dueAt: Date, dueCount: number): Promise<Seeded> {
  const random = seededRandom(20261123);
  const rituals = Array.from({ length: RITUALS }, (_, i) => randomRitual(i, random));
  let remaining = dueCount;
  for (const ritual of shuffled(rituals, random)) {
    const due = remaining > 0 ? dueVersion(ritual, dueAt) : undefined;
    if (due && due.count <= remaining) {
      ritual.time = due.time;
      remaining -= due.count;
    } else {
      ritual.time = timeNotDueAt(ritual, dueAt, random);
    }
  }
  if (remaining > 0) throw new Error(`the seed could not make exactly ${dueCount} prompts due`);
  return insertRituals(q, rituals, dueAt);
}

/** One stand-up in one zone whose `people` participants are all due at `dueAt`. */
export async function seedOneStandup(q: Queryable, dueAt: Date, people: number): Promise<Seeded> {
  const zone = 'Europe/Berlin';
  const ritual: SeedRitual = {
    teamId: 'T0BIGTEAM',
    channelId: 'C0ALLHANDS',
    days: [1, 2, 3, 4, 5, 6, 7],
    time: localTime(dueAt, zone),
    zone,
    participants: Array.from({ length: people }, (_, i) => ({ userId: `U0BIG${pad(i, 4)}`, zone })),
  };
  return insertRituals(q, [ritual], dueAt);
}

function randomRitual(index: number, random: () => number): SeedRitual {
  const workspace = index % WORKSPACES;
  const zoneOf = (person: number) =>
    ZONES[(workspace * ZONES_PER_WORKSPACE + (person % ZONES_PER_WORKSPACE)) % ZONES.length] ?? 'UTC';
  // Most teams are small; a few are large.
  const size = 3 + Math.floor(random() ** 2 * 13);
  const people = new Set<number>();
  while (people.size < size) people.add(Math.floor(random() * PEOPLE_PER_WORKSPACE));
  const local = random() < LOCAL_SHARE;
  const zone = local ? 'local' : zoneOf(Math.floor(random() * ZONES_PER_WORKSPACE));
  return {
    teamId: `T0WS${pad(workspace, 3)}`,
    channelId: `C0TEAM${pad(index, 4)}`,
    days: pick(DAY_PATTERNS, random()),
    time: '',
    zone,
    participants: [...people].map((p) => ({
      userId: `U0WS${pad(workspace, 3)}P${pad(p, 3)}`,
      zone: local ? zoneOf(p) : zone,
    })),
  };
}

/**
 * The time that makes the ritual due at `at`, and how many prompts that gives: the local time of
 * one of its people (for a `local` ritual, everyone whose zone shows the same time is due), if it
 * is a working hour there on one of its days.
 */
function dueVersion(ritual: SeedRitual, at: Date): { time: string; count: number } | undefined {
  const zone = ritual.participants[0]?.zone ?? 'UTC';
  const local = DateTime.fromJSDate(at, { zone });
  if (local.hour < 7 || local.hour >= 18 || !ritual.days.includes(local.weekday as Weekday)) return undefined;
  const time = local.toFormat('HH:mm');
  const count = ritual.participants.filter((p) => isDueAt(ritual, p.zone, time, at)).length;
  return { time, count };
}

function timeNotDueAt(ritual: SeedRitual, at: Date, random: () => number): string {
  for (;;) {
    const minutes = 7 * 60 + Math.floor(random() * 16) * 15; // 07:00 to 10:45
    const time = `${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`;
    if (!ritual.participants.some((p) => isDueAt(ritual, p.zone, time, at))) return time;
  }
}

function isDueAt(ritual: SeedRitual, zone: string, time: string, at: Date): boolean {
  return firstAtOrAfter(ritual, zone, time, at).at.getTime() === at.getTime();
}

function firstAtOrAfter(ritual: SeedRitual, zone: string, time: string, at: Date) {
  const next = nextOccurrence({ days: ritual.days, time, zone }, zone, new Date(at.getTime() - 60_000));
  if (!next) throw new Error(`no occurrence for ${ritual.channelId}`);
  return next;
}

/** Rituals and every participant's slot, in two statements. */
async function insertRituals(q: Queryable, rituals: SeedRitual[], dueAt: Date): Promise<Seeded> {
  const ids = await q.query(
    `insert into rituals (team_id, channel_id, kind, days, time_of_day, zone, questions, created_by, created_at, updated_at)
     select team_id, channel_id, 'standup', days::smallint[], time_of_day, zone, $6::text[], 'U0CREATOR', $7::timestamptz, $7::timestamptz
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       as r(team_id, channel_id, days, time_of_day, zone)
     returning id, channel_id`,
    [
      rituals.map((r) => r.teamId),
      rituals.map((r) => r.channelId),
      // One array literal per ritual: unnest would flatten a two-dimensional array.
      rituals.map((r) => `{${r.days.join(',')}}`),
      rituals.map((r) => r.time),
      rituals.map((r) => r.zone),
      QUESTIONS,
      new Date(dueAt.getTime() - 7 * 24 * 60 * 60 * 1000),
    ],
    z.object({ id: z.coerce.number(), channel_id: z.string() }),
  );
  const idOf = new Map(ids.map((r) => [r.channel_id, r.id]));
  const slots = rituals.flatMap((r) =>
    r.participants.map((p) => {
      const next = firstAtOrAfter(r, p.zone, r.time, dueAt);
      return { teamId: r.teamId, ritualId: idOf.get(r.channelId), userId: p.userId, zone: p.zone, ...next };
    }),
  );
  await q.execute(
    `insert into ritual_slots (team_id, ritual_id, participant_id, zone, next_local_date, next_at)
     select * from unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::date[], $6::timestamptz[])`,
    [
      slots.map((s) => s.teamId),
      slots.map((s) => s.ritualId),
      slots.map((s) => s.userId),
      slots.map((s) => s.zone),
      slots.map((s) => s.localDate),
      slots.map((s) => s.at),
    ],
  );
  return {
    rituals: rituals.length,
    localRituals: rituals.filter((r) => r.zone === 'local').length,
    slots: slots.length,
    zones: new Set(slots.map((s) => s.zone)).size,
    due: slots.filter((s) => s.at.getTime() <= dueAt.getTime()).length,
  };
}

const localTime = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat('HH:mm');
const pad = (n: number, width: number) => String(n).padStart(width, '0');

function pick<T>(choices: { share: number; days: T }[], r: number): T {
  let sum = 0;
  for (const choice of choices) {
    sum += choice.share;
    if (r < sum) return choice.days;
  }
  return (choices.at(-1) as { days: T }).days;
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** mulberry32: a small generator with a seed, so every run seeds the same rituals. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
