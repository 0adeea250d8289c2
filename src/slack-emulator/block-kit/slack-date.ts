/**
 * `<!date^1392734382^{date_short} at {time}|fallback>`: Slack shows the time in each reader's own
 * zone, filling the format's tokens (its formatting reference, "Date formatting"). Intl does the
 * zone arithmetic, so this runs the same in Node and in the browser.
 */

const ORDINALS = ['th', 'st', 'nd', 'rd'];
const ordinal = (day: number) => {
  const rest = day % 100;
  return `${day}${ORDINALS[(rest - 20) % 10] ?? ORDINALS[rest] ?? ORDINALS[0]}`;
};

type Parts = {
  year: string;
  month: string;
  monthShort: string;
  day: number;
  weekday: string;
  isoDay: string;
};

function partsOf(at: Date, timeZone: string): Parts {
  const get = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-US', { timeZone, ...options }).format(at);
  const isoDay = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
  return {
    year: get({ year: 'numeric' }),
    month: get({ month: 'long' }),
    monthShort: get({ month: 'short' }),
    day: Number(get({ day: 'numeric' })),
    weekday: get({ weekday: 'long' }),
    isoDay,
  };
}

/**
 * "today", "yesterday" or "tomorrow" when `at` falls on one of them for the reader, else undefined:
 * lower case, as Slack's reference words them (docs.slack.dev/reference/block-kit/block-elements/
 * date-element, "{date_long_pretty}: Shows yesterday, today or tomorrow"); capitalised where the
 * token opens the format, as clients show it (jsx-slack's date.mjs models the same).
 */
function relativeDay(at: Date, now: Date | undefined, timeZone: string): string | undefined {
  if (!now) return undefined;
  const day = partsOf(at, timeZone).isoDay;
  const dayOf = (offset: number) => partsOf(new Date(now.getTime() + offset * 86_400_000), timeZone).isoDay;
  if (day === dayOf(0)) return 'today';
  if (day === dayOf(-1)) return 'yesterday';
  if (day === dayOf(1)) return 'tomorrow';
  return undefined;
}

function ago(at: Date, now: Date | undefined): string {
  if (!now) return '';
  const seconds = Math.round((now.getTime() - at.getTime()) / 1000);
  const steps: [number, string][] = [
    [86_400 * 365, 'year'],
    [86_400 * 30, 'month'],
    [86_400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, unit] of steps) {
    const n = Math.floor(Math.abs(seconds) / size);
    if (n >= 1)
      return seconds >= 0 ? `${n} ${unit}${n === 1 ? '' : 's'} ago` : `in ${n} ${unit}${n === 1 ? '' : 's'}`;
  }
  return 'just now';
}

/**
 * The format with its tokens filled for the reader; undefined when the timestamp or zone is not
 * usable, and the caller shows the fallback, as Slack's clients do when they cannot format.
 */
export function formatSlackDate(
  unixSeconds: string,
  format: string,
  reader: { timeZone?: string; now?: Date; clock24?: boolean },
): string | undefined {
  const seconds = Number(unixSeconds);
  if (!reader.timeZone || !/^-?\d+$/.test(unixSeconds) || !Number.isSafeInteger(seconds)) return undefined;
  const at = new Date(seconds * 1000);
  const zone = reader.timeZone;
  let p: Parts;
  try {
    p = partsOf(at, zone);
  } catch {
    return undefined;
  }
  const time = (withSeconds: boolean) =>
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hour: reader.clock24 ? '2-digit' : 'numeric',
      minute: '2-digit',
      ...(reader.clock24 ? { hourCycle: 'h23' as const } : {}),
      ...(withSeconds ? { second: '2-digit' } : {}),
    }).format(at);
  const date = `${p.month} ${ordinal(p.day)}, ${p.year}`;
  const short = `${p.monthShort} ${p.day}, ${p.year}`;
  const long = `${p.weekday}, ${date}`;
  let opening = false;
  const pretty = (plain: string) => {
    const word = relativeDay(at, reader.now, zone);
    if (!word) return plain;
    return opening ? `${word.charAt(0).toUpperCase()}${word.slice(1)}` : word;
  };
  const tokens: Record<string, () => string> = {
    date_num: () => p.isoDay,
    date: () => date,
    date_short: () => short,
    date_long: () => long,
    date_pretty: () => pretty(date),
    date_short_pretty: () => pretty(short),
    date_long_pretty: () => pretty(long),
    time: () => time(false),
    time_secs: () => time(true),
    ago: () => ago(at, reader.now),
  };
  return format.replace(/\{([a-z_]+)\}/g, (whole, token: string, offset: number) => {
    opening = offset === 0;
    return tokens[token]?.() ?? whole;
  });
}
