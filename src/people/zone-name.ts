import { IANAZone } from 'luxon';

/** A zone Rapport can compute with (an IANA name luxon knows). */
export function isTimeZone(name: string | null | undefined): name is string {
  return typeof name === 'string' && name !== '' && IANAZone.isValidZone(name);
}
