import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Clock } from '../clock.js';
import type { Database, Queryable } from '../db/database.js';
import {
  type DecisionContent,
  decisionOfSubmission,
  decisionsOfChannel,
  type DecisionRow,
  findDecision,
  insertDecision,
  setDecisionPosted,
  updateDecision,
} from '../db/repos/decisions.js';
import {
  enqueueMessages,
  type OutboxMessage,
  replaceQueuedMessage,
  withdrawPendingEdits,
} from '../db/repos/outbox.js';
import { UserError } from '../errors.js';
import { LAST_RESORT_ZONE, zoneOfPerson } from '../people/time-zones.js';
import type { Directory } from '../people/directory.js';
import { decisionView } from './decision-views.js';
import { type DecisionErrors, type DecisionForm, parseDecisionForm } from './decision-form.js';

type Channel = { teamId: string; channelId: string };
type Actor = Channel & { userId: string };
export type DecisionSource = {
  sourceTs: string;
  sourceThreadTs: string | null;
  submissionId: string;
  /** The link to the discussion it came from, when Slack gave one. */
  sourcePermalink: string | null;
};

export type DecisionSaved =
  { ok: true; decision: DecisionRow; created: boolean } | { ok: false; errors: DecisionErrors };

export type DecisionsService = ReturnType<typeof createDecisionsService>;

/** The hour of the owner's day their review DM goes out. */
const REVIEW_HOUR = 9;
const reviewKey = (id: number) => `decision-review:${id}`;
const messageKey = (id: number) => `decision:${id}`;
const USER_ID = /^[UW][A-Z0-9]{2,30}$/;

/**
 * A channel's decision log: each decision is logged from a message, kept, posted once in the
 * channel, and its owner hears once, by DM, on the morning of its review date.
 */
export function createDecisionsService(deps: { db: Database; clock: Clock; directory: Directory }) {
  const zoneOf = async (teamId: string, userId: string) => {
    return (await zoneOfPerson(deps, teamId, userId)).zone;
  };

  /** Checks the form, and that the owner and everyone consulted are real, active people. */
  const check = async (
    teamId: string,
    form: DecisionForm,
    unchangedReview?: string | null,
  ): Promise<
    { ok: true; content: DecisionContent; zone: string } | { ok: false; errors: DecisionErrors }
  > => {
    // Only a well-formed user id is looked up; anything else fails the form's own check below.
    const owner = typeof form.owner === 'string' && USER_ID.test(form.owner) ? form.owner : undefined;
    // Without a well-formed owner the form is refused below; the date is only checked for the form.
    const zone = owner ? await zoneOf(teamId, owner) : LAST_RESORT_ZONE;
    const today = DateTime.fromJSDate(deps.clock.now(), { zone }).toISODate() ?? '';
    const parsed = parseDecisionForm(form, today, unchangedReview);
    if (!parsed.ok) return parsed;
    const { ownerId, consulted } = parsed.content;
    if (!(await deps.directory.isActiveHuman(teamId, ownerId))) {
      return { ok: false, errors: { owner: 'Pick a person: not a bot, an app or a deactivated account.' } };
    }
    const active = await Promise.all(consulted.map((id) => deps.directory.isActiveHuman(teamId, id)));
    const inactive = consulted.filter((_, i) => !active[i]);
    if (inactive.length > 0) {
      return {
        ok: false,
        errors: { consulted: 'Name only people: take out bots, apps and deactivated accounts.' },
      };
    }
    return { ok: true, content: parsed.content, zone };
  };

  /** Queues, replaces or withdraws the owner's review DM: at 09:00 their time on the review date. */
  const scheduleReview = async (q: Queryable, d: DecisionRow, zone: string) => {
    // Once sent, it stays sent: replacing withdraws only a DM still waiting.
    await replaceQueuedMessage(q, d.team_id, reviewKey(d.id), reviewDm(d, zone), deps.clock.now());
  };

  return {
    /** Logs a decision from a message; a second delivery of the same submission logs nothing new. */
    async log(actor: Actor, source: DecisionSource, form: DecisionForm): Promise<DecisionSaved> {
      const repeated = await decisionOfSubmission(deps.db, actor.teamId, source.submissionId);
      if (repeated) return { ok: true, decision: repeated, created: false };
      const checked = await check(actor.teamId, form);
      if (!checked.ok) return checked;
      return deps.db.transaction(async (tx) => {
        const inserted = await insertDecision(tx, {
          ...checked.content,
          ...source,
          teamId: actor.teamId,
          channelId: actor.channelId,
          loggedBy: actor.userId,
          now: deps.clock.now(),
        });
        if (!inserted) {
          const first = await decisionOfSubmission(tx, actor.teamId, source.submissionId);
          if (!first) throw new Error('a logged decision vanished');
          return { ok: true as const, decision: first, created: false };
        }
        const row = { ...inserted, source_permalink: source.sourcePermalink };
        await setDecisionPosted(tx, {
          teamId: actor.teamId,
          id: row.id,
          messageTs: null,
          permalink: row.source_permalink,
        });
        // Posted in its channel, linked to the discussion; where the bot may not post, whoever
        // logged it hears so, privately, and the decision stays logged.
        const post: OutboxMessage = {
          teamId: actor.teamId,
          channelId: row.channel_id,
          dedupeKey: messageKey(row.id),
          ...decisionView('decisions.message', row),
          ifNotPosted: { userId: actor.userId, ...decisionView('decisions.not-posted', row) },
        };
        const dm = reviewDm(row, checked.zone);
        await enqueueMessages(tx, dm ? [post, dm] : [post], deps.clock.now());
        return { ok: true as const, decision: row, created: true };
      });
    },

    /** The decision, if this person may change it (whoever logged it, or its owner). */
    async editable(actor: Actor, id: number): Promise<DecisionRow> {
      const d = await findDecision(deps.db, actor.teamId, id);
      if (!d || d.channel_id !== actor.channelId) throw new UserError(`There is no decision #${id} here.`);
      if (d.logged_by !== actor.userId && d.owner_id !== actor.userId) {
        throw new UserError(
          `Only <@${d.logged_by}>, who logged decision #${d.id}, or <@${d.owner_id}>, its owner, can change it.`,
        );
      }
      return d;
    },

    /** New content for a decision; its review DM moves, changes or is withdrawn with it. */
    async edit(actor: Actor, id: number, form: DecisionForm): Promise<DecisionSaved> {
      const before = await this.editable(actor, id);
      const checked = await check(actor.teamId, form, before.review_date);
      if (!checked.ok) return checked;
      return deps.db.transaction(async (tx) => {
        const row = await updateDecision(tx, {
          ...checked.content,
          teamId: actor.teamId,
          id,
          updatedBy: actor.userId,
          now: deps.clock.now(),
        });
        if (!row) throw new UserError(`Decision #${id} is gone; nothing was saved.`);
        await scheduleReview(tx, row, checked.zone);
        // Its message shows the new content; an edit still waiting gives way to this one.
        await withdrawPendingEdits(tx, row.team_id, messageKey(row.id));
        await enqueueMessages(
          tx,
          [
            {
              teamId: row.team_id,
              channelId: row.channel_id,
              dedupeKey: `${messageKey(row.id)}:edit:${randomUUID()}`,
              updateOf: messageKey(row.id),
              ...decisionView('decisions.message', row),
            },
          ],
          deps.clock.now(),
        );
        return { ok: true as const, decision: row, created: false };
      });
    },

    async list(c: Channel, limit: number) {
      return decisionsOfChannel(deps.db, c, limit);
    },
  };
}

/** The owner's review DM for the outbox, at 09:00 in their zone on the review date; none without one. */
function reviewDm(d: DecisionRow, zone: string): OutboxMessage | undefined {
  if (!d.review_date) return undefined;
  return {
    teamId: d.team_id,
    dedupeKey: reviewKey(d.id),
    channelId: d.owner_id,
    asks: true,
    ...decisionView('decisions.review', {
      id: d.id,
      channel_id: d.channel_id,
      source_permalink: d.source_permalink,
      logged_by: d.logged_by,
      created_at: d.created_at,
    }),
    sendAt: DateTime.fromISO(d.review_date, { zone }).set({ hour: REVIEW_HOUR }).toJSDate(),
  };
}
