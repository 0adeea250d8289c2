import type { Clock } from '../clock.js';
import type { Database, Queryable } from '../db/database.js';
import {
  answerContribution,
  bumpCreditRevision,
  contributionWithCredit,
  type ContributorRow,
  contributorsOf,
  creditOfSubmission,
  type CreditRow,
  creditsOfChannel,
  creditsOfPerson,
  insertContributors,
  insertCredit,
  rewordContribution,
} from '../db/repos/credits.js';
import { enqueueMessages, isQueued, type OutboxMessage, withdrawQueuedUpdates } from '../db/repos/outbox.js';
import { UserError } from '../errors.js';
import type { Directory } from '../people/directory.js';
import { namedPeople } from '../people/named-people.js';
import { creditView } from './credit-views.js';
import type { CreditContent } from './credit-form.js';

type Channel = { teamId: string; channelId: string };
type Actor = Channel & { userId: string };
/** Who clicked: a DM and the Home tab both say who, and neither needs a channel. */
type Person = { teamId: string; userId: string };

export type CreditAnswer =
  { kind: 'confirm' } | { kind: 'decline' } | { kind: 'reword'; contribution: string };

export type CreditSaved = { credit: CreditRow; contributors: ContributorRow[]; replayed: boolean };
export type CreditAnswered = { changed: boolean; credit: CreditRow; contributor: ContributorRow };

/** One credit of a person, as the Home tab shows it; `contributorRowId` goes on its buttons. */
export type PersonCredit = {
  contributorRowId: number;
  creditId: number;
  channelId: string;
  deliverable: string;
  link: string | null;
  givenBy: string;
  contribution: string | null;
  status: 'unconfirmed' | 'confirmed';
  createdAt: Date;
};

export type CreditsService = ReturnType<typeof createCreditsService>;

/** The outbox key of a credit's channel message, and of a contributor's DM. */
export const creditMessageKey = (creditId: number) => `credit:${creditId}`;
export const creditDmKey = (contributorRowId: number) => `credit-dm:${contributorRowId}`;

/**
 * Credit attribution: who contributed what to a deliverable. A credit is kept with its channel
 * message and its contributors' DMs queued in the same transaction; each answer (confirm, reword,
 * decline) is a conditional update that queues one edit of that message and of the DM.
 */
export function createCreditsService(deps: { db: Database; clock: Clock; directory: Directory }) {
  /** Every person named must be a real, active person. Throws UserError naming who is not. */
  const checkPeople = (teamId: string, ids: readonly string[]) =>
    namedPeople(deps.directory, teamId, ids, {
      bot: 'credit is for people.',
      deactivated: "they can't be credited.",
    });

  /** The edit of the channel message, and of the contributor's DM if they got one, for this answer. */
  const queueUpdates = async (tx: Queryable, credit: CreditRow, answered: ContributorRow) => {
    const revision = await bumpCreditRevision(tx, credit.team_id, credit.id);
    const contributors = await contributorsOf(tx, credit.team_id, credit.id);
    const messageKey = creditMessageKey(credit.id);
    // A newer state replaces any update still waiting to go out.
    await withdrawQueuedUpdates(tx, credit.team_id, messageKey);
    const updates: OutboxMessage[] = [
      {
        teamId: credit.team_id,
        dedupeKey: `${messageKey}:r${revision}`,
        channelId: credit.channel_id,
        updateOf: messageKey,
        ...creditView('credits.message', { credit, contributors }),
      },
    ];
    const dmKey = creditDmKey(answered.id);
    if (await isQueued(tx, credit.team_id, dmKey)) {
      await withdrawQueuedUpdates(tx, credit.team_id, dmKey);
      updates.push({
        teamId: credit.team_id,
        dedupeKey: `${dmKey}:r${revision}`,
        channelId: answered.contributor_id,
        updateOf: dmKey,
        ...creditView('credits.answered-dm', { credit, contributor: answered }),
      });
    }
    await enqueueMessages(tx, updates, deps.clock.now());
  };

  /** The credit and row, if this person is the one credited; otherwise a refusal naming who is. */
  const ownRow = async (q: Queryable, person: Person, rowId: number, lock: boolean) => {
    const found = await contributionWithCredit(q, person.teamId, rowId, { lock });
    if (!found) throw new UserError('That credit is no longer there; nothing changed.', 'not_found');
    if (found.contributor.contributor_id !== person.userId) {
      throw new UserError(
        `This credit was given to <@${found.contributor.contributor_id}>, so only they can confirm, correct or decline it. Nothing changed.`,
        'forbidden',
      );
    }
    return found;
  };

  /** A credit an earlier delivery of the same submission kept. */
  const replayed = async (q: Queryable, credit: CreditRow): Promise<CreditSaved> => ({
    credit,
    contributors: await contributorsOf(q, credit.team_id, credit.id),
    replayed: true,
  });

  return {
    /**
     * Gives credit: all of it or nothing. A second delivery of the same command or form (the same
     * submission key) saves nothing new and says so. The giver's own part is confirmed already.
     */
    async give(actor: Actor, input: CreditContent & { submissionKey: string }): Promise<CreditSaved> {
      const repeated = await creditOfSubmission(deps.db, actor.teamId, input.submissionKey);
      if (repeated) return replayed(deps.db, repeated);
      await checkPeople(
        actor.teamId,
        input.contributors.map((c) => c.userId),
      );
      const now = deps.clock.now();
      return deps.db.transaction(async (tx) => {
        const credit = await insertCredit(tx, {
          ...actor,
          deliverable: input.deliverable,
          link: input.link,
          givenBy: actor.userId,
          submissionKey: input.submissionKey,
          now,
        });
        if (!credit) {
          const first = await creditOfSubmission(tx, actor.teamId, input.submissionKey);
          if (!first) throw new Error('a credit kept under this submission vanished');
          return replayed(tx, first);
        }
        const contributors = await insertContributors(tx, {
          teamId: actor.teamId,
          creditId: credit.id,
          contributors: input.contributors.map((c) => ({
            contributorId: c.userId,
            contribution: c.contribution,
            status: c.userId === actor.userId ? ('confirmed' as const) : ('unconfirmed' as const),
          })),
          now,
        });
        await enqueueMessages(
          tx,
          [
            {
              teamId: actor.teamId,
              dedupeKey: creditMessageKey(credit.id),
              channelId: actor.channelId,
              ...creditView('credits.message', { credit, contributors }),
            },
            ...contributors
              .filter((c) => c.status === 'unconfirmed')
              .map((c) => ({
                teamId: actor.teamId,
                dedupeKey: creditDmKey(c.id),
                channelId: c.contributor_id,
                // It asks them to confirm: it goes before notifications waiting for them.
                asks: true,
                ...creditView('credits.request-dm', { credit, contributor: c }),
              })),
          ],
          now,
        );
        return { credit, contributors, replayed: false };
      });
    },

    /**
     * A contributor's answer to their own credit. Only an answer that changes something (a first
     * confirm, a new wording, a decline) is recorded and shown; a repeat changes nothing.
     */
    answer(person: Person, rowId: number, answer: CreditAnswer): Promise<CreditAnswered> {
      return deps.db.transaction(async (tx) => {
        const { credit, contributor } = await ownRow(tx, person, rowId, true);
        const who = { teamId: person.teamId, rowId, contributorId: person.userId, now: deps.clock.now() };
        const changed =
          answer.kind === 'reword'
            ? await rewordContribution(tx, { ...who, contribution: answer.contribution })
            : await answerContribution(tx, {
                ...who,
                status: answer.kind === 'confirm' ? 'confirmed' : 'declined',
                from: answer.kind === 'confirm' ? ['unconfirmed'] : ['unconfirmed', 'confirmed'],
              });
        if (!changed) return { changed: false, credit, contributor };
        await queueUpdates(tx, credit, changed);
        return { changed: true, credit, contributor: changed };
      });
    },

    /** The credit a person may reword: their own, and not declined. */
    async correctable(person: Person, rowId: number) {
      const found = await ownRow(deps.db, person, rowId, false);
      if (found.contributor.status === 'declined') {
        throw new UserError('You declined this credit, so it shows nowhere and can no longer be changed.');
      }
      return found;
    },

    /** The channel's credits that still name someone, newest first, filtered by words of the deliverable. */
    list(channel: Channel, words: readonly string[], limit: number) {
      return creditsOfChannel(deps.db, { ...channel, words, limit });
    },

    /** What a person was credited for in this channel: a private channel's credits stay in it. */
    ofPersonIn(channel: Channel, userId: string, limit: number) {
      return creditsOfPerson(deps.db, { ...channel, userId, limit });
    },

    /**
     * A person's own credits in every channel, for their eyes only (the Home tab): those waiting
     * for their answer first, then the newest; declined ones never. `waiting` counts the first.
     */
    async forPerson(
      teamId: string | readonly string[],
      userId: string,
      limit: number,
    ): Promise<{ credits: PersonCredit[]; total: number; waiting: number }> {
      const { rows, total, waiting } = await creditsOfPerson(deps.db, { teamId, userId, limit });
      return {
        total,
        waiting,
        credits: rows.map((r) => ({
          contributorRowId: r.contributor_row_id,
          creditId: r.credit_id,
          channelId: r.channel_id,
          deliverable: r.deliverable,
          link: r.link,
          givenBy: r.given_by,
          contribution: r.contribution,
          status: r.status,
          createdAt: r.created_at,
        })),
      };
    },
  };
}
