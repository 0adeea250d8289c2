/**
 * What a give was worth, in the units it was given in: time saved (hours, days or weeks, never
 * converted into each other), money saved or earned in its currency, and risk reduced. Money and
 * time are never turned into one another either: figures add up each unit on its own.
 */
export type TimeUnit = 'hours' | 'days' | 'weeks';
export type Risk = 'low' | 'medium' | 'high';
export type GiveValue = {
  /** The value as typed (plain text), kept whatever it says. */
  text: string | null;
  time: { amount: number; unit: TimeUnit } | null;
  money: { amount: number; currency: string; direction: 'saved' | 'earned' } | null;
  risk: Risk | null;
};

export const NO_VALUE: GiveValue = { text: null, time: null, money: null, risk: null };

const TIME = /(\d+(?:\.\d+)?)\s*(hours?|hrs?|h|days?|d|weeks?|wks?|w)\b/i;
const UNITS: Record<string, TimeUnit> = { h: 'hours', d: 'days', w: 'weeks' };
const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };
/** `$4,000`, `€1.5k`, `£200`: a symbol, then an amount with an optional k or m. */
const MONEY_SYMBOL = /([$€£¥])\s?(\d[\d,]*(?:\.\d+)?)\s*([km])?\b/i;
/** `4000 USD`, `1.2k EUR`, `CHF 300`: an ISO 4217 code before or after the amount. */
const MONEY_CODE_AFTER = /(\d[\d,]*(?:\.\d+)?)\s*([km])?\s*([A-Z]{3})\b/;
const MONEY_CODE_BEFORE = /\b([A-Z]{3})\s?(\d[\d,]*(?:\.\d+)?)\s*([km])?\b/;
const RISK = /\b(low|medium|med|high)\b/i;

/** The largest amount kept: a typo of a few extra digits is refused rather than counted. */
export const MAX_AMOUNT = 1e12;

/**
 * Reads the value parts of a give (each part one of: time saved, money, risk reduced, or free
 * text). A part can say one typed value; what it says beyond that stays in the text.
 */
export function parseValue(parts: readonly string[]): GiveValue {
  const text = parts.map((p) => p.trim()).filter(Boolean);
  if (text.length === 0) return NO_VALUE;
  let time: GiveValue['time'] = null;
  let money: GiveValue['money'] = null;
  let risk: Risk | null = null;
  for (const part of text) {
    if (/\brisks?\b/i.test(part)) {
      const level = RISK.exec(part)?.[1]?.toLowerCase();
      if (level && !risk) risk = level === 'med' ? 'medium' : (level as Risk);
      continue;
    }
    const found = moneyIn(part);
    if (found) {
      money ??= found;
      continue;
    }
    const t = TIME.exec(part);
    if (t?.[1] && t[2] && !time) {
      const amount = Number(t[1]);
      const unit = unitOf(t[2]);
      if (amount > 0 && amount <= MAX_AMOUNT) time = { amount, unit };
    }
  }
  return { text: text.join(' · '), time, money, risk };
}

/**
 * A value written in one field (the give form, a receiver's Adjust): its parts are what a dash, a
 * middle dot, or a comma or semicolon followed by a space divide (the comma in $4,000 does not),
 * read as /gave reads the parts after its dash; the text is kept whole, as typed.
 */
export function parseWorth(text: string): GiveValue {
  if (text.trim() === '') return NO_VALUE;
  return { ...parseValue(text.split(/\s+[·|—–]\s+|[,;]\s+/)), text };
}

function unitOf(word: string): TimeUnit {
  const first = word.toLowerCase()[0] ?? 'h';
  return UNITS[first] ?? 'hours';
}

function moneyIn(part: string): GiveValue['money'] {
  const direction = /\b(earned|revenue|won|sales?)\b/i.test(part) ? 'earned' : 'saved';
  const symbol = MONEY_SYMBOL.exec(part);
  if (symbol?.[1] && symbol[2]) return money(symbol[2], symbol[3], SYMBOLS[symbol[1]] ?? 'USD', direction);
  const after = MONEY_CODE_AFTER.exec(part);
  if (after?.[1] && after[3] && isCurrency(after[3])) return money(after[1], after[2], after[3], direction);
  const before = MONEY_CODE_BEFORE.exec(part);
  if (before?.[1] && before[2] && isCurrency(before[1]))
    return money(before[2], before[3], before[1], direction);
  return null;
}

function money(
  digits: string,
  suffix: string | undefined,
  currency: string,
  direction: 'saved' | 'earned',
): GiveValue['money'] {
  const scale = suffix?.toLowerCase() === 'k' ? 1e3 : suffix?.toLowerCase() === 'm' ? 1e6 : 1;
  const amount = Number(digits.replace(/,/g, '')) * scale;
  if (!(amount > 0 && amount <= MAX_AMOUNT)) return null;
  return { amount, currency, direction };
}

/** A currency code Node's Intl knows (ISO 4217), so `ASAP 3` or `THE 2` are not money. */
function isCurrency(code: string): boolean {
  return (Intl.supportedValuesOf('currency') as string[]).includes(code);
}

/** The value's typed parts as people read them: "2 weeks saved · $4,000 saved · high risk reduced". */
export function describeValue(v: GiveValue): string | null {
  const parts = [
    v.time ? `${formatNumber(v.time.amount)} ${unitText(v.time)} saved` : null,
    v.money ? `${formatMoney(v.money.amount, v.money.currency)} ${v.money.direction}` : null,
    v.risk ? `${v.risk} risk reduced` : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(' · ') : null;
}

const unitText = (t: { amount: number; unit: TimeUnit }) => (t.amount === 1 ? t.unit.slice(0, -1) : t.unit);
const formatNumber = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 2 });
export const formatMoney = (amount: number, currency: string) =>
  new Intl.NumberFormat('en', {
    style: 'currency',
    currency,
    minimumFractionDigits: 0,
    maximumFractionDigits: 2,
  }).format(amount);
export const formatTime = (amount: number, unit: TimeUnit) =>
  `${formatNumber(amount)} ${unitText({ amount, unit })}`;
