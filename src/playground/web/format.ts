/** Times as a person sees them in Slack: in their own time zone, the date only when not today. */

/** A message's ts is its time in seconds ("1700000000.000123"). */
export function tsToDate(ts: string): Date {
  return new Date(Number(ts) * 1000);
}

function safeZone(tz: string | undefined): string | undefined {
  if (!tz) return undefined;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return tz;
  } catch {
    return undefined;
  }
}

function dayOf(date: Date, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'short' }).format(date);
}

/** "09:31", or "Fri 20 Nov, 09:31" for another day than `now`. */
export function formatMessageTime(date: Date, now: Date, tz: string | undefined): string {
  const timeZone = safeZone(tz);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(
    date,
  );
  if (dayOf(date, timeZone) === dayOf(now, timeZone)) return time;
  return `${formatDay(date, timeZone)}, ${time}`;
}

/** "Fri 20 Nov 2026, 09:31". */
export function formatDateTime(date: Date, tz: string | undefined): string {
  const timeZone = safeZone(tz);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(
    date,
  );
  const year = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric' }).format(date);
  return `${formatDay(date, timeZone)} ${year}, ${time}`;
}

function formatDay(date: Date, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(date);
}

/** "in 3 h 20 min", "in 2 days", "now". */
export function formatRelative(target: Date, now: Date): string {
  const minutes = Math.round((target.getTime() - now.getTime()) / 60_000);
  if (minutes <= 0) return 'now';
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `in ${hours} h` : `in ${hours} h ${minutes % 60} min`;
  return `in ${Math.round(hours / 24)} days`;
}
