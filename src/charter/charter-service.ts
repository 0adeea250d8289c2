import type { WebClient } from '@slack/web-api';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import {
  charterMessageTs,
  charterTextOf,
  charterVersions,
  type CharterVersionRow,
  claimCharterPost,
  countCharterVersions,
  insertCharterVersion,
  latestCharterVersion,
  lockCharter,
  setCharterMessage,
  versionOfSubmission,
} from '../db/repos/charters.js';
import { RapportError, UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import { charterMessage, type CharterVersion } from '../slack/views/charter/message.js';
import { charterNotPosted, type CharterChange } from '../slack/views/charter/replies.js';
import { changedFields } from './charter-fields.js';
import type { CharterText } from './charter-text.js';
import { CANNOT_POST_HERE, isMessageGone, slackErrorCode } from '../slack/errors.js';
import { tellPrivately } from '../slack/tell-privately.js';

export type CharterSlack = {
  chat: Pick<WebClient['chat'], 'postMessage' | 'update' | 'postEphemeral'>;
};
type Channel = { teamId: string; channelId: string };
type Actor = Channel & { userId: string };

export type CharterSave =
  | { kind: 'saved'; version: CharterVersion }
  /** Nothing differed from the latest version, so nothing new was kept. */
  | { kind: 'unchanged'; version: CharterVersion }
  /** Slack delivered the same submission again; the first delivery saved it. */
  | { kind: 'repeated'; version: CharterVersion };

export type CharterService = ReturnType<typeof createCharterService>;

/** A claim on posting the first message older than this belongs to a process that died mid-post. */
const POST_CLAIM_STALE_MS = 60_000;
/** How long a save waits for another save's first message to appear before editing it. */
const FIRST_POST_WAIT_MS = 5_000;

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
export function createCharterService(deps: { db: Database; clock: Clock; slack: CharterSlack; log: Logger }) {
  const log = deps.log.child({ ritual: 'charter' });

  /** Where the first message is, once whoever claimed its posting has posted it. */
  const waitForMessage = async (c: Channel): Promise<string | null> => {
    const deadline = Date.now() + FIRST_POST_WAIT_MS;
    for (;;) {
      const ts = await charterMessageTs(deps.db, c);
      if (ts || Date.now() > deadline) return ts;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  /** Posts the first message; undefined when another save is posting it or the bot may not post. */
  const postFirst = async (c: Channel, latest: CharterVersion): Promise<string | undefined> => {
    const now = deps.clock.now();
    if (!(await claimCharterPost(deps.db, c, now, new Date(now.getTime() - POST_CLAIM_STALE_MS)))) {
      return undefined;
    }
    let ts: string | undefined;
    try {
      ts = (await deps.slack.chat.postMessage({ channel: c.channelId, ...charterMessage(latest) })).ts;
    } finally {
      await setCharterMessage(deps.db, c, ts ?? null);
    }
    if (!ts) throw new RapportError('slack_no_ts', 'the charter was posted without a ts');
    return ts;
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
        return { kind: 'saved', version: toVersion(row) };
      });
    },

    /**
     * Shows the latest version in the channel: edits the charter's message, or posts it when there
     * is none yet (or it was deleted). When the bot may not post there, the person who saved hears
     * so, privately; the version stays saved and the next save posts it.
     */
    async publish(actor: Actor): Promise<'posted' | 'updated' | 'not_posted'> {
      const latestRow = await latestCharterVersion(deps.db, actor);
      if (!latestRow) return 'not_posted';
      const latest = toVersion(latestRow);
      let ts = await charterMessageTs(deps.db, actor);
      if (!ts) {
        try {
          const posted = await postFirst(actor, latest);
          if (posted) return 'posted';
        } catch (error) {
          const code = slackErrorCode(error);
          if (!code || !CANNOT_POST_HERE.has(code)) throw error;
          log.info(
            { teamId: actor.teamId, channelId: actor.channelId, code },
            'the charter could not be posted',
          );
          await tellPrivately(deps.slack, actor, charterNotPosted(actor.channelId, latest.version));
          return 'not_posted';
        }
        // Another save is posting the first message: edit it once it is there, with the latest.
        ts = await waitForMessage(actor);
        if (!ts) return 'not_posted';
      }
      try {
        await deps.slack.chat.update({ channel: actor.channelId, ts, ...charterMessage(latest) });
        return 'updated';
      } catch (error) {
        if (!isMessageGone(error)) throw error;
        // Someone deleted the message: forget it and post the charter again.
        await setCharterMessage(deps.db, actor, null);
        return this.publish(actor);
      }
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
