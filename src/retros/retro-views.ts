import { viewsOf } from '../db/repos/outbox.js';
import type { ActionItemRow } from '../db/repos/action-items.js';
import type { DebriefRow } from '../db/repos/debriefs.js';
import type { SharedNote } from '../db/repos/retros.js';

/** What retros, their action items and debriefs say in Slack, as data; src/slack/views renders them. */
export type RetroViews = {
  /** The retro's one channel message: its count of notes (never the notes) and the open items. */
  'retros.message': {
    retroId: number;
    title: string;
    noteCount: number;
    closed: boolean;
    openItems: { items: ActionItemRow[]; total: number };
  };
  /** The summary posted once at the close; anonymous notes carry no author. */
  'retros.summary': { retroId: number; title: string; notes: SharedNote[]; actionItems: ActionItemRow[] };
  'retros.action-added': { item: ActionItemRow; createdBy: string };
  /** The owner's DM on the due date; once the item is done, it says so in place of its button. */
  'retros.action-reminder': ActionItemRow & { settled?: ActionItemSettled };
  'retros.debrief': DebriefRow;
};

/** When an item was marked done (shown in its owner's `zone`, 24-hour) and by whom. */
export type ActionItemSettled = { at: Date; by: string; zone: string };

export const retroView = viewsOf<RetroViews>();
