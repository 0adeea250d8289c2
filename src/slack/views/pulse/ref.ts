/** Which round a button or a modal is about: a ritual and its local date. */
export type PulseRef = { ritualId: number; roundDate: string };

export const encodePulseRef = (ref: PulseRef) => JSON.stringify({ r: ref.ritualId, d: ref.roundDate });

/** The ref in a button's value or a modal's metadata; undefined for anything that is not one. */
export function decodePulseRef(value: string | undefined): PulseRef | undefined {
  try {
    const parsed = JSON.parse(value ?? '') as { r?: unknown; d?: unknown };
    if (
      typeof parsed.r === 'number' &&
      Number.isSafeInteger(parsed.r) &&
      typeof parsed.d === 'string' &&
      /^\d{4}-\d\d-\d\d$/.test(parsed.d)
    ) {
      return { ritualId: parsed.r, roundDate: parsed.d };
    }
  } catch {
    // not ours: a stale or forged value
  }
  return undefined;
}
