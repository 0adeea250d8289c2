/**
 * The positive whole number a button, option or form carries as text (a ritual, an item, a row),
 * or undefined for anything else: "New ritual", a forged value, "1e3", " 12".
 */
export function idFromValue(value: string | undefined): number | undefined {
  const id = Number(value);
  return /^\d{1,15}$/.test(value ?? '') && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
