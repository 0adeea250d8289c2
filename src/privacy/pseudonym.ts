import { randomBytes } from 'node:crypto';

/**
 * What replaces an erased person's Slack id: "UERASED" and 16 random hex digits, drawn once per
 * erasure and used in every record set it reaches. It is random rather than an HMAC of the id: the
 * records only need to agree with each other inside the database (one kudos giver is still one
 * giver, a health period still counts the same distinct people), and with no key there is nothing
 * that could ever turn it back into the id, or confirm a guess, not even for whoever holds Rapport's
 * secrets. It keeps the shape of a Slack user id (a capital U, capitals and digits), so every column
 * and check that takes a user id takes it; no Slack id is this long.
 */
export function newPseudonym(): string {
  return `UERASED${randomBytes(8).toString('hex').toUpperCase()}`;
}

/** A pseudonym anywhere in a text (a mention `<@UERASED…>`, a key). */
export const PSEUDONYM_PATTERN = /UERASED[0-9A-F]{16}/;

export function isPseudonym(id: string): boolean {
  return new RegExp(`^${PSEUDONYM_PATTERN.source}$`).test(id);
}

/** How an erased person is named wherever Rapport shows them. */
export const FORMER_MEMBER = 'a former member';

/** A Slack user id as Slack writes one: the only thing an erasure will look for. */
export function isSlackUserId(id: string): boolean {
  return /^[UW][A-Z0-9]{2,20}$/.test(id);
}
