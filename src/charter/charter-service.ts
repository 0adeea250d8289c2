import { recordAudit } from '../audit/audit.js';
import type { Clock } from '../clock.js';
import type { Database, Queryable } from '../db/database.js';
import {
  charterMessageTs,
  charterTextOf,
  charterVersions,
  type CharterVersionRow,
  countCharterVersions,
  insertCharterVersion,
  latestCharterVersion,
  lockCharter,
  versionOfSubmission,
} from '../db/repos/charter.js';
import {
  answerCharterReview,
  type CharterReviewRow,
  claimDueReviews,
  findCharterReview,
  insertCharterReview,
  openCharterReviews,
  setReviewDue,
} from '../db/repos/charter-reviews.js';
import {
  enqueueMessages,
  type OutboxMessage,
  postedMessage,
  retryFailedMessage,
} from '../db/repos/outbox.js';
import { UserError } from '../errors.js';
import { changedFields } from './charter-fields.js';
import { cadenceOf, hasGovernance, nextReviewDue } from './charter-review.js';
import type { CharterText } from './charter-text.js';
import { type CharterChange, type CharterReview, type CharterVersion, charterView } from './charter-views.js';

type Channel = { teamId: string; channelId: string };
type Actor = Channel & { userId: string };

export type CharterSave =
  | { kind: 'saved'; version: CharterVersion }
  /** Nothing differed from the latest version, so nothing new was kept. */
  | { kind: 'unchanged'; version: CharterVersion }
  /** Slack delivered the same submission again; the first delivery saved it. */
  | { kind: 'repeated'; version: CharterVersion };

export type CharterService = ReturnType<typeof createCharterService>;

/** The outbox key of the message that shows a version: each version edits the one before. */
const messageKey = (c: Channel, version: number) => `charter:${c.channelId}:v${version}`;
/** The outbox key of a governance review's message; its answer edits it once. */
const reviewKey = (r: { channel_id: string; id: number }) => `charter-review:${r.channel_id}:${r.id}`;

const REVIEW_GONE = 'That review is no longer there; nothing was saved.';
const answeredAlready = (r: CharterReviewRow) =>
  r.outcome === 'revised'
    ? `<@${r.answered_by}> answered this review already by saving version ${r.revised_version} of the charter; nothing more was saved.`
    : `<@${r.answered_by}> confirmed this review already; nothing more was saved.`;

/** The review's message data: the decision rights and levels of `row`, and its answer, if any. */
const reviewData = (
  review: CharterReviewRow,
  row: CharterVersionRow,
  nextDueAt: Date | null,
): CharterReview => {
  const text = charterTextOf(row);
  return {
    reviewId: review.id,
    channelId: review.channel_id,
    version: row.version,
    decisionRights: text.decisionRights ?? [],
    levels: text.levels ?? [],
    cadence: cadenceOf(text),
    answer:
      review.outcome && review.answered_by && review.answered_at
        ? {
            outcome: review.outcome,
            by: review.answered_by,
            at: review.answered_at,
            revisedVersion: review.revised_version,
            nextDueAt,
          }
        : null,
  };
};

/** The review's message, edited once to say what was done and by whom (its buttons gone). */
const answeredMessage = (
  review: CharterReviewRow,
  row: CharterVersionRow,
  nextDueAt: Date | null,
): OutboxMessage => ({
  teamId: review.team_id,
  channelId: review.channel_id,
  dedupeKey: `${reviewKey(review)}:answered`,
  updateOf: reviewKey(review),
  ...charterView('charter.review', reviewData(review, row, nextDueAt)),
});

export const toVersion = (row: CharterVersionRow): CharterVersion => ({
  channelId: row.channel_id,
  version: row.version,
  text: charterTextOf(row),
  savedBy: row.saved_by,
  savedAt: row.saved_at,
});

/**
 * A channel's working agreement: every save is a new version (none is ever overwritten), and the
 * channel's one message shows the latest. A form opened on an older version cannot overwrite a
 * newer one.
 */
export function createCharterService(deps: { db: Database; clock: Clock }) {
  /**
   * Shows a new version in the channel, in the transaction that saves it: by editing the message
   * that shows the version before, or by posting it where there is none (never posted, or deleted
   * since). Where the bot may not post, whoever saved hears so, privately; the version stays saved
   * and the next save posts it.
   */
  const show = async (tx: Queryable, actor: Actor, version: CharterVersion) => {
    const previous = messageKey(actor, version.version - 1);
    // A charter shown before the outbox said everything has its message's ts on the charter.
    const before = version.version > 1 && !(await postedMessage(tx, actor.teamId, previous));
    const updateTs = before ? ((await charterMessageTs(tx, actor)) ?? undefined) : undefined;
    await enqueueMessages(
      tx,
      [
        {
          teamId: actor.teamId,
          channelId: actor.channelId,
          dedupeKey: messageKey(actor, version.version),
          ...charterView('charter.message', version),
          ...(version.version > 1 ? { replaceOf: previous, updateTs } : {}),
          ifNotPosted: {
            userId: actor.userId,
            ...charterView('charter.not-posted', { channelId: actor.channelId, version: version.version }),
          },
        },
      ],
      deps.clock.now(),
    );
  };

  /** Confirms an open review once: who and when, the next review counted from now, the message edited. */
  const answerReview = async (
    tx: Queryable,
    open: CharterReviewRow,
    userId: string,
    latest: CharterVersionRow,
  ): Promise<CharterReviewRow> => {
    const now = deps.clock.now();
    const review = await answerCharterReview(tx, {
      teamId: open.team_id,
      id: open.id,
      outcome: 'confirmed',
      by: userId,
      at: now,
      revisedVersion: null,
    });
    if (!review) throw new UserError(answeredAlready(open), 'review_answered');
    await recordAudit(tx, deps.clock, {
      teamId: open.team_id,
      actorId: userId,
      channelId: open.channel_id,
      action: 'charter.review-confirmed',
      detail: { version: latest.version },
    });
    const nextDueAt = nextReviewDue(charterTextOf(latest), now);
    await setReviewDue(tx, { teamId: open.team_id, channelId: open.channel_id }, nextDueAt);
    await enqueueMessages(tx, [answeredMessage(review, latest, nextDueAt)], now);
    return review;
  };

  return {
    /**
     * The scheduler's turn: every charter whose review has come due is claimed once, across
     * replicas, and its channel asked once to confirm or revise its decision rights and levels. A
     * charter left with none to review (or set to never) is not asked; its next version sets a date.
     */
    async askDueReviews(): Promise<number> {
      let asked = 0;
      for (;;) {
        const claimed = await deps.db.transaction(async (tx) => {
          const now = deps.clock.now();
          const due = await claimDueReviews(tx, now, 100);
          const messages: OutboxMessage[] = [];
          for (const d of due) {
            const c = { teamId: d.team_id, channelId: d.channel_id };
            const latest = await latestCharterVersion(tx, c);
            if (!latest) continue;
            const text = charterTextOf(latest);
            if (!hasGovernance(text) || cadenceOf(text) === 'never') continue;
            const review = await insertCharterReview(tx, {
              ...c,
              version: latest.version,
              dueAt: d.due_at,
              now,
            });
            if (!review) continue;
            asked += 1;
            messages.push({
              ...c,
              dedupeKey: reviewKey(review),
              asks: true,
              ...charterView('charter.review', reviewData(review, latest, null)),
            });
          }
          await enqueueMessages(tx, messages, now);
          return due.length;
        });
        if (claimed < 100) return asked;
      }
    },

    /** The review, while it waits for an answer in this channel (Revise opens the form for it). */
    async openReview(c: Channel, reviewId: number): Promise<CharterReviewRow> {
      const review = await findCharterReview(deps.db, c.teamId, reviewId);
      if (!review || review.channel_id !== c.channelId) throw new UserError(REVIEW_GONE, 'review_gone');
      if (review.outcome !== null) throw new UserError(answeredAlready(review), 'review_answered');
      return review;
    },

    /** "Still right": the decision rights and levels stand; recorded once, with who and when. */
    confirmReview(actor: Actor, reviewId: number): Promise<CharterReviewRow> {
      return deps.db.transaction(async (tx) => {
        await lockCharter(tx, actor, deps.clock.now());
        const review = await findCharterReview(tx, actor.teamId, reviewId);
        if (!review || review.channel_id !== actor.channelId) {
          throw new UserError(REVIEW_GONE, 'review_gone');
        }
        if (review.outcome !== null) throw new UserError(answeredAlready(review), 'review_answered');
        const latest = await latestCharterVersion(tx, actor);
        if (!latest) throw new UserError(REVIEW_GONE, 'review_gone');
        return answerReview(tx, review, actor.userId, latest);
      });
    },

    /** The latest version, and the change that made it; undefined when the channel has no charter. */
    async current(c: Channel): Promise<{ version: CharterVersion; change: CharterChange } | undefined> {
      const [latest, previous] = await charterVersions(deps.db, c, 2);
      if (!latest) return undefined;
      return { version: toVersion(latest), change: changeOf(latest, previous) };
    },

    /** Newest first, with the parts each version changed; and how many versions there are. */
    async history(c: Channel, limit: number): Promise<{ changes: CharterChange[]; total: number }> {
      const rows = await charterVersions(deps.db, c, limit + 1);
      const changes = rows.slice(0, limit).map((row, i) => changeOf(row, rows[i + 1]));
      return { changes, total: await countCharterVersions(deps.db, c) };
    },

    /**
     * Keeps a new version, unless the form was opened on an older one than the latest (someone
     * saved meanwhile) or nothing changed. Slack's retry of the same submission saves nothing new.
     */
    save(
      actor: Actor,
      form: {
        baseVersion: number;
        submissionId: string;
        text: CharterText;
        /** The review whose Revise opened the form: saving it unchanged confirms that review. */
        reviewId?: number;
      },
    ): Promise<CharterSave> {
      return deps.db.transaction(async (tx) => {
        await lockCharter(tx, actor, deps.clock.now());
        const repeated = await versionOfSubmission(tx, actor.teamId, form.submissionId);
        if (repeated) {
          if (repeated.channel_id !== actor.channelId) {
            throw new UserError(
              'This form is out of date and nothing was saved. Open it again with `/charter`.',
            );
          }
          return { kind: 'repeated', version: toVersion(repeated) };
        }
        const latest = await latestCharterVersion(tx, actor);
        const latestNumber = latest?.version ?? 0;
        if (latestNumber !== form.baseVersion) {
          throw new UserError(
            latest
              ? `<@${latest.saved_by}> saved a newer version (${latestNumber}) since you opened this form, so nothing was saved. Copy what you wrote, close the form and open \`/charter\` again.`
              : 'This charter is not where the form expected it; nothing was saved. Open `/charter` again.',
            'charter_stale',
          );
        }
        if (latest && changedFields(charterTextOf(latest), form.text).length === 0) {
          // Nothing new to keep; but where the bot could not show it (since invited), it tries again.
          await retryFailedMessage(tx, actor.teamId, messageKey(actor, latest.version), deps.clock.now());
          const review = form.reviewId ? await findCharterReview(tx, actor.teamId, form.reviewId) : undefined;
          if (review && review.channel_id === actor.channelId && review.outcome === null) {
            await answerReview(tx, review, actor.userId, latest);
          }
          return { kind: 'unchanged', version: toVersion(latest) };
        }
        const row = await insertCharterVersion(tx, {
          ...actor,
          version: latestNumber + 1,
          text: form.text,
          savedBy: actor.userId,
          submissionId: form.submissionId,
          now: deps.clock.now(),
        });
        await show(tx, actor, toVersion(row));
        // The version's number only: its text is what people wrote.
        await recordAudit(tx, deps.clock, {
          teamId: actor.teamId,
          actorId: actor.userId,
          channelId: actor.channelId,
          action: 'charter.version',
          detail: { version: row.version },
        });
        // A new version is the review: the next one counts from it, and one open is answered by it.
        const nextDueAt = nextReviewDue(form.text, row.saved_at);
        await setReviewDue(tx, actor, nextDueAt);
        const answered: OutboxMessage[] = [];
        for (const open of await openCharterReviews(tx, actor)) {
          const review = await answerCharterReview(tx, {
            teamId: actor.teamId,
            id: open.id,
            outcome: 'revised',
            by: actor.userId,
            at: row.saved_at,
            revisedVersion: row.version,
          });
          if (review) answered.push(answeredMessage(review, row, nextDueAt));
        }
        await enqueueMessages(tx, answered, deps.clock.now());
        return { kind: 'saved', version: toVersion(row) };
      });
    },
  };
}

function changeOf(row: CharterVersionRow, previous: CharterVersionRow | undefined): CharterChange {
  return {
    version: row.version,
    savedBy: row.saved_by,
    savedAt: row.saved_at,
    changed: changedFields(previous ? charterTextOf(previous) : undefined, charterTextOf(row)),
  };
}
