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
import { enqueueMessages, postedMessage, retryFailedMessage } from '../db/repos/outbox.js';
import { UserError } from '../errors.js';
import { changedFields } from './charter-fields.js';
import type { CharterText } from './charter-text.js';
import { type CharterChange, type CharterVersion, charterView } from './charter-views.js';

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

  return {
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
      form: { baseVersion: number; submissionId: string; text: CharterText },
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
