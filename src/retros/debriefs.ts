import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { debriefsOfChannel, insertDebrief } from '../db/repos/debriefs.js';
import { enqueueMessages } from '../db/repos/outbox.js';
import { cleanUserText } from '../user-text.js';
import { FieldError, requiredText } from './notes.js';
import { retroView } from './retro-views.js';
import { settleDebriefPrompts } from './settle-prompts.js';

/** How many debriefs `/retro archive` lists. */
const ARCHIVE_LISTED = 30;

export type DebriefFields = { project: string; lessons: string; assets: string };

/** The debrief form's values, checked field by field. */
export function readDebrief(raw: {
  project?: string | null;
  lessons?: string | null;
  assets?: string | null;
}): DebriefFields {
  const assets = cleanUserText(raw.assets, { multiline: true });
  if ([...assets].length > 3000) throw new FieldError('assets', 'This can be up to 3000 characters.');
  return {
    project: requiredText('project', raw.project, 150, 'the project’s name').replace(/\s+/g, ' '),
    lessons: requiredText('lessons', raw.lessons, 3000, 'the lessons learned'),
    assets,
  };
}

export type DebriefService = ReturnType<typeof createDebriefService>;

/**
 * A project's closing debrief: posted to its channel once, and kept as its archive entry; the
 * channel's playbook prompt that asked for it then says it is posted.
 */
export function createDebriefService(deps: { db: Database; clock: Clock }) {
  return {
    async save(a: {
      teamId: string;
      channelId: string;
      userId: string;
      token: string;
      fields: DebriefFields;
    }) {
      const now = deps.clock.now();
      return deps.db.transaction(async (tx) => {
        const debrief = await insertDebrief(tx, {
          teamId: a.teamId,
          channelId: a.channelId,
          ...a.fields,
          createdBy: a.userId,
          submissionKey: a.token,
          now,
        });
        if (!debrief) return undefined;
        await enqueueMessages(
          tx,
          [
            {
              teamId: a.teamId,
              channelId: a.channelId,
              dedupeKey: `debrief:${debrief.id}`,
              ...retroView('retros.debrief', debrief),
            },
          ],
          now,
        );
        await settleDebriefPrompts(tx, a, now);
        return debrief;
      });
    },

    archive: (teamId: string, channelId: string) =>
      debriefsOfChannel(deps.db, teamId, channelId, ARCHIVE_LISTED),
  };
}
