import type { EscalationLevel } from '../charter/charter-text.js';
import type { Clock } from '../clock.js';
import type { Database, Queryable } from '../db/database.js';
import { latestCharterVersion } from '../db/repos/charter.js';
import { insertDecision } from '../db/repos/decisions.js';
import {
  escalateDue,
  type EscalationRow,
  escalationOfSubmission,
  findEscalation,
  insertEscalation,
  insertEscalationEvent,
  type RaisedLevel,
  resolveEscalation,
} from '../db/repos/escalations.js';
import {
  enqueueMessages,
  type OutboxMessage,
  postedMessage,
  withdrawQueuedUpdates,
} from '../db/repos/outbox.js';
import { decisionView } from '../decisions/decision-views.js';
import { UserError } from '../errors.js';
import type { EscalationText } from './escalation-form.js';
import {
  escalationView,
  type EscalationState,
  type EscalationSummary,
  type EscalationTexts,
} from './escalation-views.js';

type Channel = { teamId: string; channelId: string };
type Actor = Channel & { userId: string };
type Person = { teamId: string; userId: string };

export type EscalationsService = ReturnType<typeof createEscalationsService>;

/** Said where a channel's charter names no escalation levels. */
export const NO_LEVELS =
  'This channel’s charter names no escalation levels yet, so there is nowhere to escalate to. Type `/charter edit` and fill in *Escalation level 1* (its owners on each side and a target time), then `/escalate` again.';
const GONE = 'That escalation is no longer there; nothing was saved.';
const RESOLVED = 'That escalation is resolved already; nothing was saved.';

const summaryKey = (id: number) => `escalation:${id}`;
const dmKey = (id: number, level: number, userId: string) => `escalation-dm:${id}:l${level}:${userId}`;
const decisionKey = (id: number) => `decision:${id}`;

const textsOf = (e: EscalationRow): EscalationTexts => ({
  issue: e.issue,
  needsA: e.needs_a,
  needsB: e.needs_b,
  options: e.options,
  criteria: e.criteria,
});

const stateOf = (e: EscalationRow): EscalationState => ({
  id: e.id,
  channelId: e.channel_id,
  private: e.private,
  state: e.state,
  level: e.level,
  levels: e.levels.length,
  levelDueAt: e.level_due_at,
  resolvedAt: e.resolved_at,
});

/** The channel's summary: a private escalation's says only that it exists, and how it stands. */
export function summaryOf(e: EscalationRow): EscalationSummary {
  if (e.private) return stateOf(e);
  return {
    ...stateOf(e),
    shown: {
      raisedBy: e.raised_by,
      texts: textsOf(e),
      resolution:
        e.agreed_option && e.reason && e.resolved_by
          ? { agreed: e.agreed_option, reason: e.reason, by: e.resolved_by }
          : null,
    },
  };
}

/** Everyone who owns a level the escalation reached: they, and whoever raised it, may read and resolve it. */
const reachedOwners = (e: EscalationRow) =>
  new Set(e.levels.filter((l) => l.level <= e.level).flatMap((l) => l.owners));

/**
 * Escalations from a channel's charter: raised at level 1 (a neutral summary in the channel, a DM to
 * level 1's owners), moved on once per level when its target passes unresolved, resolved once with
 * the agreed option and the reason, logged as a decision linked to its thread.
 */
export function createEscalationsService(deps: { db: Database; clock: Clock }) {
  const ownerDms = (e: EscalationRow, why: 'raised' | 'escalated'): OutboxMessage[] => {
    const level = e.levels.find((l) => l.level === e.level);
    return (level?.owners ?? []).map((userId) => ({
      teamId: e.team_id,
      channelId: userId,
      dedupeKey: dmKey(e.id, e.level, userId),
      asks: true,
      ...escalationView('escalations.owner-dm', {
        ...stateOf(e),
        raisedBy: e.raised_by,
        texts: textsOf(e),
        why,
        threadTs: e.thread_ts,
      }),
    }));
  };

  /** The summary shows how it stands now; an edit still waiting gives way to this one. */
  const updateSummary = async (tx: Queryable, e: EscalationRow, revision: string) => {
    await withdrawQueuedUpdates(tx, e.team_id, summaryKey(e.id));
    return {
      teamId: e.team_id,
      channelId: e.channel_id,
      dedupeKey: `${summaryKey(e.id)}:r${revision}`,
      updateOf: summaryKey(e.id),
      ...escalationView('escalations.summary', summaryOf(e)),
    } satisfies OutboxMessage;
  };

  return {
    /** The levels the channel's latest charter names; none without a charter or levels. */
    async charterLevels(c: Channel): Promise<EscalationLevel[]> {
      const latest = await latestCharterVersion(deps.db, c);
      return latest?.escalation_levels ?? [];
    },

    /**
     * Raises an escalation at level 1, with its levels' owners as they are now (user groups
     * expanded by the caller). A second delivery of the same submission raises nothing new.
     */
    async raise(
      actor: Actor,
      input: {
        submissionId: string;
        sourceTs: string | null;
        threadTs: string | null;
        private: boolean;
        text: EscalationText;
        levels: RaisedLevel[];
      },
    ): Promise<{ escalation: EscalationRow; created: boolean }> {
      const repeated = await escalationOfSubmission(deps.db, actor.teamId, input.submissionId);
      if (repeated) return { escalation: repeated, created: false };
      const levels = input.levels.filter((l) => l.owners.length > 0);
      if (levels.length === 0 || levels[0]?.level !== 1) throw new UserError(NO_LEVELS, 'no_levels');
      return deps.db.transaction(async (tx) => {
        const now = deps.clock.now();
        const row = await insertEscalation(tx, {
          teamId: actor.teamId,
          channelId: actor.channelId,
          sourceTs: input.sourceTs,
          threadTs: input.threadTs,
          raisedBy: actor.userId,
          private: input.private,
          issue: input.text.issue,
          needsA: input.text.needsA,
          needsB: input.text.needsB,
          options: input.text.options,
          criteria: input.text.criteria,
          levels: levels.map((l, i) => ({ ...l, level: i + 1 })),
          submissionId: input.submissionId,
          now,
        });
        if (!row) {
          const first = await escalationOfSubmission(tx, actor.teamId, input.submissionId);
          if (!first) throw new Error('a raised escalation vanished');
          return { escalation: first, created: false };
        }
        await insertEscalationEvent(tx, {
          teamId: row.team_id,
          escalationId: row.id,
          kind: 'raised',
          level: 1,
          at: now,
          by: actor.userId,
        });
        // Raised from a message ("Escalate this"): the summary replies in that message's thread. A
        // private one's says there too only that it exists and how it stands.
        const summary: OutboxMessage = {
          teamId: row.team_id,
          channelId: row.channel_id,
          dedupeKey: summaryKey(row.id),
          ...(row.thread_ts ? { threadTs: row.thread_ts } : {}),
          ...escalationView('escalations.summary', summaryOf(row)),
          ifNotPosted: {
            userId: actor.userId,
            ...escalationView('escalations.not-posted', { channelId: row.channel_id }),
          },
        };
        await enqueueMessages(tx, [summary, ...ownerDms(row, 'raised')], now);
        return { escalation: row, created: true };
      });
    },

    /** The scheduler's turn: every escalation past its level's target moves on once, with its DMs. */
    async escalateDue(): Promise<number> {
      let moved = 0;
      for (;;) {
        const batch = await deps.db.transaction(async (tx) => {
          const now = deps.clock.now();
          const rows = await escalateDue(tx, now, 100);
          const messages: OutboxMessage[] = [];
          for (const row of rows) {
            await insertEscalationEvent(tx, {
              teamId: row.team_id,
              escalationId: row.id,
              kind: 'escalated',
              level: row.level,
              at: now,
              by: null,
            });
            messages.push(await updateSummary(tx, row, `l${row.level}`), ...ownerDms(row, 'escalated'));
          }
          await enqueueMessages(tx, messages, now);
          return rows.length;
        });
        moved += batch;
        if (batch < 100) return moved;
      }
    },

    /** The escalation, if this person may resolve it: an owner of a level it reached, or who raised it. */
    async resolvable(p: Person, id: number): Promise<EscalationRow> {
      const e = await findEscalation(deps.db, p.teamId, id);
      if (!e) throw new UserError(GONE, 'escalation_gone');
      if (e.state === 'resolved') throw new UserError(RESOLVED, 'escalation_resolved');
      if (e.raised_by !== p.userId && !reachedOwners(e).has(p.userId)) {
        throw new UserError(
          `Only the owners of the levels this escalation reached, or <@${e.raised_by}> who raised it, can resolve it.`,
          'not_owner',
        );
      }
      return e;
    },

    /**
     * Resolves it once, with the agreed option and the reason, and logs the decision linked to its
     * thread (the message it was raised from, else its summary). A private escalation's decision stays
     * with it and out of the channel's log, so its text never reaches the channel.
     */
    async resolve(
      p: Person,
      id: number,
      form: { submissionId: string; agreed: string; reason: string },
    ): Promise<EscalationRow> {
      const e = await this.resolvable(p, id);
      return deps.db.transaction(async (tx) => {
        const now = deps.clock.now();
        let decisionId: number | null = null;
        const messages: OutboxMessage[] = [];
        if (!e.private) {
          const posted = await postedMessage(tx, e.team_id, summaryKey(e.id));
          const sourceTs = e.source_ts ?? posted?.messageTs ?? null;
          if (!sourceTs) {
            throw new UserError(
              'The escalation’s summary is not posted in the channel yet, so the decision has no thread to link to. Try again in a minute.',
              'not_posted_yet',
            );
          }
          const decision = await insertDecision(tx, {
            teamId: e.team_id,
            channelId: e.channel_id,
            sourceTs,
            sourceThreadTs: e.thread_ts ?? (e.source_ts ? null : sourceTs),
            decision: form.agreed,
            ownerId: p.userId,
            rationale: form.reason,
            consulted: [...reachedOwners(e)].filter((u) => u !== p.userId).slice(0, 30),
            reviewDate: null,
            loggedBy: p.userId,
            submissionId: `escalation:${form.submissionId}`,
            now,
          });
          if (decision) {
            decisionId = decision.id;
            // In the escalation's thread: the message's it was raised from (its summary is there
            // too), else under its summary.
            messages.push({
              teamId: e.team_id,
              channelId: e.channel_id,
              dedupeKey: decisionKey(decision.id),
              ...(e.thread_ts ? { threadTs: e.thread_ts } : { threadOf: summaryKey(e.id) }),
              ...decisionView('decisions.message', decision),
            });
          }
        }
        const row = await resolveEscalation(tx, {
          teamId: e.team_id,
          id: e.id,
          by: p.userId,
          agreed: form.agreed,
          reason: form.reason,
          decisionId,
          now,
        });
        // Resolved meanwhile (another owner, or Slack's second delivery): the first one stands.
        if (!row) throw new UserError(RESOLVED, 'escalation_resolved');
        await insertEscalationEvent(tx, {
          teamId: row.team_id,
          escalationId: row.id,
          kind: 'resolved',
          level: row.level,
          at: now,
          by: p.userId,
        });
        messages.push(await updateSummary(tx, row, 'resolved'));
        await enqueueMessages(tx, messages, now);
        return row;
      });
    },
  };
}
