import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Clock } from '../clock.js';
import type { Database, Queryable } from '../db/database.js';
import { actionItemsOfRetro, openActionItems } from '../db/repos/action-items.js';
import {
  claimRetroClose,
  countNotes,
  deleteOwnNote,
  findOwnNote,
  findRetro,
  insertNote,
  insertRetro,
  type NewRetro,
  notesOfAuthor,
  notesOfRetro,
  openRetroOfChannel,
  type RetroRow,
  retroMessageKey,
  retroSummaryKey,
  updateOwnNote,
} from '../db/repos/retros.js';
import { enqueueMessages, type OutboxMessage, withdrawPendingEdits } from '../db/repos/outbox.js';
import { UserError } from '../errors.js';
import { retroView } from './retro-views.js';
import { type NoteFields, newFormToken } from './notes.js';

type Deps = { db: Database; clock: Clock };

/** Open items listed at the top of a retro's message. */
const ITEMS_LISTED = 10;

/** The retro's channel message as it stands: its count of notes, and the items open when it began. */
async function currentMessage(q: Queryable, retro: RetroRow) {
  return retroView('retros.message', {
    retroId: retro.id,
    title: retro.title,
    noteCount: await countNotes(q, retro.team_id, retro.id),
    closed: retro.closed_at !== null,
    openItems: await openActionItems(q, retro.team_id, retro.channel_id, ITEMS_LISTED, retro.opened_at),
  });
}

/** The retro's message shown afresh: any edit still waiting gives way to this newer one. */
async function editOfMessage(q: Queryable, retro: RetroRow, dedupeKey: string): Promise<OutboxMessage> {
  await withdrawPendingEdits(q, retro.team_id, retroMessageKey(retro.id));
  return {
    teamId: retro.team_id,
    channelId: retro.channel_id,
    dedupeKey,
    updateOf: retroMessageKey(retro.id),
    ...(await currentMessage(q, retro)),
  };
}

/** Starts a retro and returns its channel message; a replayed start returns none. */
export async function openRetro(
  tx: Queryable,
  r: NewRetro,
): Promise<{ retro: RetroRow; messages: OutboxMessage[] }> {
  const { retro, created } = await insertRetro(tx, r);
  if (!created) return { retro, messages: [] };
  return {
    retro,
    messages: [
      {
        teamId: r.teamId,
        dedupeKey: retroMessageKey(retro.id),
        channelId: r.channelId,
        ...(await currentMessage(tx, retro)),
      },
    ],
  };
}

/**
 * Closes a retro once: whichever close claims it (the command, the ritual's close) posts the summary
 * and turns the retro's message into a closed one; any other close returns nothing.
 */
export async function closeRetro(
  tx: Queryable,
  retro: RetroRow,
  closedBy: string | null,
  now: Date,
): Promise<OutboxMessage[] | undefined> {
  if (!(await claimRetroClose(tx, { teamId: retro.team_id, retroId: retro.id, closedBy, now })))
    return undefined;
  const closed = { ...retro, closed_at: now };
  const summary = retroView('retros.summary', {
    retroId: retro.id,
    title: retro.title,
    notes: await notesOfRetro(tx, retro.team_id, retro.id),
    actionItems: await actionItemsOfRetro(tx, retro.team_id, retro.id),
  });
  return [
    { teamId: retro.team_id, channelId: retro.channel_id, dedupeKey: retroSummaryKey(retro.id), ...summary },
    await editOfMessage(tx, closed, `retro-closed:${retro.id}`),
  ];
}

export type RetroService = ReturnType<typeof createRetroService>;

/** Retros typed in a channel and the notes people add to them. */
export function createRetroService(deps: Deps) {
  const openRetroFor = async (teamId: string, retroId: number | undefined): Promise<RetroRow> => {
    const retro = retroId === undefined ? undefined : await findRetro(deps.db, teamId, retroId);
    if (!retro) throw new UserError('That retro no longer exists; nothing was saved.', 'retro_gone');
    if (retro.closed_at) {
      throw new UserError(
        `The retro “${retro.title}” is closed, so its notes can no longer change.`,
        'retro_closed',
      );
    }
    return retro;
  };

  return {
    /** `/retro [title]`: a retro in the channel now, unless one is already open there. */
    async start(a: {
      teamId: string;
      channelId: string;
      userId: string;
      title: string | undefined;
      startKey: string;
    }) {
      const now = deps.clock.now();
      const existing = await openRetroOfChannel(deps.db, a.teamId, a.channelId);
      if (existing) {
        throw new UserError(
          `The retro “${existing.title}” is still open here. Add notes to it, or \`/retro close\` it first.`,
        );
      }
      const title = a.title ?? DateTime.fromJSDate(now, { zone: 'UTC' }).toFormat('d LLLL yyyy');
      return deps.db.transaction(async (tx) => {
        const { retro, messages } = await openRetro(tx, { ...a, title, startedBy: a.userId, now });
        await enqueueMessages(tx, messages, now);
        return { retro, created: messages.length > 0 };
      });
    },

    /** `/retro close`: the channel's open retro closes and its summary is posted, once. */
    async close(a: { teamId: string; channelId: string; userId: string }): Promise<RetroRow> {
      const now = deps.clock.now();
      return deps.db.transaction(async (tx) => {
        const retro = await openRetroOfChannel(tx, a.teamId, a.channelId);
        if (!retro) throw new UserError('There is no open retro in this channel. `/retro` starts one.');
        const messages = await closeRetro(tx, retro, a.userId, now);
        // Someone else's close claimed it between the read and the claim: theirs posts the summary.
        if (!messages)
          throw new UserError(`The retro “${retro.title}” is already closed; its summary is in the channel.`);
        await enqueueMessages(tx, messages, now);
        return retro;
      });
    },

    /** What the note form needs: the open retro, and the person's own note when editing one. */
    async noteForm(a: { teamId: string; userId: string; retroId?: number; noteId?: number }) {
      const note =
        a.noteId === undefined
          ? undefined
          : await findOwnNote(deps.db, { teamId: a.teamId, noteId: a.noteId, authorId: a.userId });
      if (a.noteId !== undefined && !note) throw new UserError('That note is no longer there.', 'note_gone');
      const retro = await openRetroFor(a.teamId, note?.retro_id ?? a.retroId);
      return { retro, note, token: newFormToken() };
    },

    /** Saves a new note (once, however often Slack delivers the form) or the author's edit. */
    async saveNote(a: {
      teamId: string;
      userId: string;
      retroId?: number;
      noteId?: number;
      token: string;
      note: NoteFields;
    }) {
      const retro = await openRetroFor(a.teamId, a.retroId);
      const fields = {
        teamId: a.teamId,
        retroId: retro.id,
        authorId: a.userId,
        ...a.note,
        now: deps.clock.now(),
      };
      if (a.noteId !== undefined) {
        if (!(await updateOwnNote(deps.db, { ...fields, noteId: a.noteId }))) {
          throw new UserError('That note is no longer there; nothing was saved.', 'note_gone');
        }
      } else {
        await insertNote(deps.db, { ...fields, submissionKey: a.token });
      }
      return retro;
    },

    async deleteNote(a: { teamId: string; userId: string; noteId: number }) {
      const note = await findOwnNote(deps.db, { teamId: a.teamId, noteId: a.noteId, authorId: a.userId });
      if (!note) return undefined;
      const retro = await openRetroFor(a.teamId, note.retro_id);
      await deleteOwnNote(deps.db, { teamId: a.teamId, noteId: a.noteId, authorId: a.userId });
      return retro;
    },

    /** The person's own notes in the channel's open retro: for their eyes only. */
    async mine(a: { teamId: string; channelId: string; userId: string }) {
      const retro = await openRetroOfChannel(deps.db, a.teamId, a.channelId);
      if (!retro) throw new UserError('There is no open retro in this channel. `/retro` starts one.');
      return {
        retro,
        notes: await notesOfAuthor(deps.db, { teamId: a.teamId, retroId: retro.id, authorId: a.userId }),
      };
    },

    /** The channel's open retro shows its open items: one marked done leaves its list. */
    async refreshOpenRetroOf(teamId: string, channelId: string): Promise<void> {
      const retro = await openRetroOfChannel(deps.db, teamId, channelId);
      if (retro) await this.refreshCount(teamId, retro.id);
    },

    /** Shows the retro's new count of notes on its message (never the notes). */
    async refreshCount(teamId: string, retroId: number): Promise<void> {
      await deps.db.transaction(async (tx) => {
        const retro = await findRetro(tx, teamId, retroId);
        if (!retro || retro.closed_at) return;
        await enqueueMessages(
          tx,
          [await editOfMessage(tx, retro, `retro-count:${retro.id}:${randomUUID()}`)],
          deps.clock.now(),
        );
      });
    },
  };
}
