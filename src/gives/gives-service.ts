import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Database, Queryable } from '../db/database.js';
import {
  adjustGive,
  answerGive,
  type GiveRow,
  giveOfSubmission,
  givesOfChannel,
  insertGive,
  insertReceivers,
  type ReceiverRow,
  receiversOf,
  receiverWithGive,
  type SidedGive,
} from '../db/repos/gives.js';
import { enqueueMessages, withdrawQueuedUpdates } from '../db/repos/outbox.js';
import { UserError } from '../errors.js';
import type { Directory } from '../people/directory.js';
import { namedPeople } from '../people/named-people.js';
import { type SideNames, sideNamesOf } from '../health/side-names.js';
import { giveView } from './give-views.js';
import type { GiveValue } from './give-value.js';
import { type Flow, flowsOf, quarterName, quarterStart } from './ledger-summary.js';
import type { GiveKind } from './parse-command.js';

type Channel = { teamId: string; channelId: string };
type Actor = Channel & { userId: string };
type Person = { teamId: string; userId: string };

export type GiveInput = {
  receiverIds: string[];
  what: string;
  giveKind: GiveKind;
  value: GiveValue;
  submissionKey: string;
};
export type GiveSaved = { give: GiveRow; receivers: ReceiverRow[]; replayed: boolean };
export type GiveAnswer = 'confirmed' | 'not_helpful';
export type GiveAnswered = { changed: boolean; give: GiveRow; receiver: ReceiverRow };

/** A channel's ledger for the quarter so far: every flow between sides, its gives, and what each side is called. */
export type QuarterLedger = { quarter: string; flows: Flow[]; gives: SidedGive[]; sideNames: SideNames };

export type GivesService = ReturnType<typeof createGivesService>;

/** The outbox key of a receiver's DM. */
export const giveDmKey = (receiverRowId: number) => `give-dm:${receiverRowId}`;

/**
 * The give ledger: what one side gave the other, and what it was worth. A give is kept with its
 * receivers' DMs queued in the same transaction; each receiver's answer (confirm, or "didn't
 * help") is a conditional update that queues one edit of their DM. Only confirmed values count.
 */
export function createGivesService(deps: { db: Database; clock: Clock; directory: Directory }) {
  /** The give and row, if this person is the one it went to; otherwise a refusal naming who is. */
  const ownRow = async (q: Queryable, person: Person, rowId: number) => {
    const found = await receiverWithGive(q, person.teamId, rowId);
    if (!found) throw new UserError('That give is no longer there; nothing changed.', 'not_found');
    if (found.receiver.receiver_id !== person.userId) {
      throw new UserError(
        `This give went to <@${found.receiver.receiver_id}>, so only they can confirm what it was worth. Nothing changed.`,
        'forbidden',
      );
    }
    return found;
  };

  /**
   * One answer of a receiver, in one transaction: their row is checked, `change` makes the
   * conditional update, and when it changed something their DM is edited to say so (an edit still
   * waiting to go out is replaced by the newer one).
   */
  const answering = (
    person: Person,
    rowId: number,
    change: (tx: Queryable, now: Date) => Promise<ReceiverRow | undefined>,
  ): Promise<GiveAnswered> =>
    deps.db.transaction(async (tx) => {
      const found = await ownRow(tx, person, rowId);
      const now = deps.clock.now();
      const changed = await change(tx, now);
      if (!changed) return { changed: false, ...found };
      const dmKey = giveDmKey(rowId);
      await withdrawQueuedUpdates(tx, person.teamId, dmKey);
      await enqueueMessages(
        tx,
        [
          {
            teamId: person.teamId,
            // Each answer that changed something is one edit, whatever the clock says (two answers
            // may share a millisecond); a newer one has withdrawn any still waiting.
            dedupeKey: `${dmKey}:r${randomUUID()}`,
            channelId: person.userId,
            updateOf: dmKey,
            ...giveView('gives.answered-dm', { give: found.give, receiver: changed }),
          },
        ],
        now,
      );
      return { changed: true, give: found.give, receiver: changed };
    });

  return {
    /**
     * Logs a give: all of it or nothing. A second delivery of the same command (the same
     * submission key) saves nothing new and says so.
     */
    async give(actor: Actor, input: GiveInput): Promise<GiveSaved> {
      const repeated = await giveOfSubmission(deps.db, actor.teamId, input.submissionKey);
      if (repeated)
        return {
          give: repeated,
          receivers: await receiversOf(deps.db, actor.teamId, repeated.id),
          replayed: true,
        };
      if (input.receiverIds.includes(actor.userId)) {
        throw new UserError(
          'A give goes to someone else: leave yourself out of the names. Nothing was saved.',
        );
      }
      const refusals = { bot: 'gives are logged between people.', deactivated: "they can't confirm it." };
      const [giver, ...receivers] = await namedPeople(
        deps.directory,
        actor.teamId,
        [actor.userId, ...input.receiverIds],
        refusals,
      );
      const now = deps.clock.now();
      return deps.db.transaction(async (tx) => {
        const give = await insertGive(tx, {
          ...actor,
          giverId: actor.userId,
          giverTeamId: giver?.homeTeamId ?? null,
          what: input.what,
          kind: input.giveKind,
          value: input.value,
          submissionKey: input.submissionKey,
          now,
        });
        if (!give) {
          const first = await giveOfSubmission(tx, actor.teamId, input.submissionKey);
          if (!first) throw new Error('a give kept under this submission vanished');
          return { give: first, receivers: await receiversOf(tx, actor.teamId, first.id), replayed: true };
        }
        const rows = await insertReceivers(tx, {
          teamId: actor.teamId,
          giveId: give.id,
          receivers: receivers.map((p) => ({ userId: p.userId, teamId: p.homeTeamId })),
        });
        await enqueueMessages(
          tx,
          rows.map((receiver) => ({
            teamId: actor.teamId,
            dedupeKey: giveDmKey(receiver.id),
            channelId: receiver.receiver_id,
            // It asks them to confirm: it goes before notifications waiting for them.
            asks: true,
            ...giveView('gives.request-dm', { give, receiver }),
          })),
          now,
        );
        return { give, receivers: rows, replayed: false };
      });
    },

    /** A receiver's answer to a give they received. A repeat, or a second answer, changes nothing. */
    answer(person: Person, rowId: number, answer: GiveAnswer): Promise<GiveAnswered> {
      return answering(person, rowId, (tx, now) =>
        answerGive(tx, { teamId: person.teamId, rowId, receiverId: person.userId, status: answer, now }),
      );
    },

    /**
     * A receiver's own value for a give (Adjust), which confirms it and stands for the give's value
     * from then on. Refused once they said it didn't help; the same value again changes nothing.
     */
    adjust(person: Person, rowId: number, value: GiveValue): Promise<GiveAnswered> {
      return answering(person, rowId, (tx, now) =>
        adjustGive(tx, { teamId: person.teamId, rowId, receiverId: person.userId, value, now }),
      );
    },

    /** The give a receiver may adjust: theirs, and not one they said didn't help. */
    async adjustable(person: Person, rowId: number) {
      const found = await ownRow(deps.db, person, rowId);
      if (found.receiver.status === 'not_helpful') {
        throw new UserError('You said this give didn’t help, so its value can no longer be changed.');
      }
      return found;
    },

    /** The channel's quarter so far; with `userId`, only what that person gave or received. */
    async quarter(channel: Channel, userId?: string): Promise<QuarterLedger> {
      const now = deps.clock.now();
      const gives = await givesOfChannel(deps.db, { ...channel, since: quarterStart(now), userId });
      const flows = flowsOf(gives);
      const sides = [...new Set(flows.flatMap((f) => [f.from, f.to]))];
      const sideNames = await sideNamesOf(deps.db, channel.teamId, [
        { sides, kudosFlows: [], creditFlows: [] },
      ]);
      return { quarter: quarterName(now), flows, gives, sideNames };
    },
  };
}
