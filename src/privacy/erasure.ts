import type { Clock } from '../clock.js';
import type { Database, Queryable } from '../db/database.js';
import { insertAuditEntry } from '../db/repos/audit-log.js';
import {
  deletePersonRows,
  ERASED_ROWS,
  type ErasedRowClass,
  lockPersonForErasure,
  type PersonColumn,
  personColumns,
  pseudonymiseTable,
  removeFromRitualParticipants,
  unlinkAnonymousNotes,
} from '../db/repos/erasure.js';
import { recordSetsOf } from '../db/repos/shared-channels.js';
import { UserError } from '../errors.js';
import { isSlackUserId, newPseudonym } from './pseudonym.js';

/** Who asked for an erasure, as the audit log names them. */
export type ErasureRequester =
  /** The person themself: the log names them by their pseudonym, never their id. */
  | { kind: 'self' }
  /** An admin, for a deactivated member. */
  | { kind: 'admin'; adminId: string }
  /** Rapport itself, on Slack's word that the member was deactivated (FORGET_DEACTIVATED). */
  | { kind: 'rapport' };

/** What an erasure changed, by class of records, summed over the record sets it reached. */
export type ErasureResult = { changed: Record<string, number>; total: number };

/**
 * Erases one person from every record set their workspace reaches (its own, and the channels it
 * shares with other organisations, where they have rows under the channel's set), one transaction
 * per set, each with its audit entry. Their own things go (check-ins, settings and chosen time
 * zone, cached profile, schedule, messages to them); what they share with others stays for the
 * others, their id replaced everywhere by one random pseudonym (`pseudonym.ts`), so a kudos still
 * has its other side and a period still counts the same people. Anonymous notes and pulse answers
 * stay as they were, unlinkable. A second erasure finds nothing, changes nothing, logs nothing.
 */
export async function erasePerson(
  deps: { db: Database; clock: Clock },
  input: { installedTeamId: string; userId: string; requester: ErasureRequester },
): Promise<ErasureResult> {
  const { userId } = input;
  if (!isSlackUserId(userId)) throw new UserError("That isn't a Slack member I can look for.", 'not_a_user');
  const pseudonym = newPseudonym();
  const columns = byTable(await personColumns(deps.db));
  const changed: Record<string, number> = {};
  for (const teamId of await recordSetsOf(deps.db, input.installedTeamId)) {
    const counts = await deps.db.transaction(async (tx) => {
      await lockPersonForErasure(tx, teamId, userId);
      const here = await eraseInSet(tx, { teamId, userId, pseudonym, columns });
      const total = Object.values(here).reduce((a, b) => a + b, 0);
      if (total > 0) {
        await insertAuditEntry(tx, {
          teamId,
          at: deps.clock.now(),
          actorId: actorOf(input.requester, pseudonym),
          action: 'person.erased',
          detail: here,
        });
      }
      return here;
    });
    for (const [k, n] of Object.entries(counts)) changed[k] = (changed[k] ?? 0) + n;
  }
  return { changed, total: Object.values(changed).reduce((a, b) => a + b, 0) };
}

function actorOf(requester: ErasureRequester, pseudonym: string): string {
  if (requester.kind === 'admin') return requester.adminId;
  if (requester.kind === 'rapport') return 'rapport';
  return pseudonym;
}

function byTable(columns: readonly PersonColumn[]): Map<string, PersonColumn[]> {
  const tables = new Map<string, PersonColumn[]>();
  for (const c of columns) {
    // The audit log's new entry is written after; anonymous notes' authors are unlinked first.
    tables.set(c.table_name, [...(tables.get(c.table_name) ?? []), c]);
  }
  return tables;
}

/** One record set's erasure, inside its transaction; the counts of rows changed, by class. */
async function eraseInSet(
  tx: Queryable,
  e: { teamId: string; userId: string; pseudonym: string; columns: Map<string, PersonColumn[]> },
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const add = (what: string, n: number) => {
    if (n > 0) counts[what] = (counts[what] ?? 0) + n;
  };
  for (const what of Object.keys(ERASED_ROWS) as ErasedRowClass[]) {
    add(`${what}_deleted`, await deletePersonRows(tx, e.teamId, e.userId, what));
  }
  add('anonymous_notes_unlinked', await unlinkAnonymousNotes(tx, e.teamId, e.userId));
  add('ritual_memberships_removed', await removeFromRitualParticipants(tx, e.teamId, e.userId));
  // The id is a Slack id (capitals and digits), so it is its own regular expression.
  const pattern = `\\m${e.userId}\\M`;
  for (const [table, columns] of e.columns) {
    add(
      table,
      await pseudonymiseTable(tx, table, columns, { teamId: e.teamId, pattern, pseudonym: e.pseudonym }),
    );
  }
  return counts;
}
