import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { enqueueMessages, type OutboxMessage } from '../db/repos/outbox.js';
import type { ExportRecord } from '../export/record-source.js';
import { erasePerson, type ErasureRequester, type ErasureResult } from './erasure.js';
import { personRecords } from './my-data.js';
import { privacyFile, privacyView } from './privacy-views.js';

/** "My data" and "Forget me" (issue 20, points 4 and 5): what Rapport holds about a person. */
export type PrivacyService = {
  /**
   * Gathers everything Rapport holds about the person and queues it to them by DM: a message, and
   * the JSON Lines file in its thread. Once per request (`requestKey`, the command's trigger_id).
   */
  sendMyData(input: { installedTeamId: string; userId: string; requestKey: string }): Promise<number>;
  /** Erases the person (`erasure.ts`). */
  forget(input: {
    installedTeamId: string;
    userId: string;
    requester: ErasureRequester;
  }): Promise<ErasureResult>;
  /** FORGET_DEACTIVATED: a member Slack says was deactivated is erased at once. */
  forgetsDeactivated: boolean;
};

export function createPrivacyService(deps: {
  db: Database;
  clock: Clock;
  forgetDeactivated: boolean;
}): PrivacyService {
  return {
    forgetsDeactivated: deps.forgetDeactivated,
    async sendMyData({ installedTeamId, userId, requestKey }) {
      const lines: string[] = [];
      const types: Record<string, number> = {};
      for await (const record of personRecords(deps.db, installedTeamId, userId)) {
        lines.push(JSON.stringify(record satisfies ExportRecord));
        types[record.type] = (types[record.type] ?? 0) + 1;
      }
      const now = deps.clock.now();
      const key = `my-data:${userId}:${shortHash(requestKey)}`;
      const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
      const intro: OutboxMessage = {
        teamId: installedTeamId,
        dedupeKey: key,
        channelId: userId,
        ...privacyView('privacy.my-data', { records: lines.length, types }),
      };
      // Slack takes no empty file (files.getUploadURLExternal's length must be positive).
      const messages: OutboxMessage[] =
        lines.length === 0
          ? [intro]
          : [
              intro,
              {
                teamId: installedTeamId,
                dedupeKey: `${key}:file`,
                channelId: userId,
                fileInThreadOf: key,
                ...privacyFile('privacy.my-data-file', {
                  filename: `rapport-my-data-${now.toISOString().slice(0, 10)}-${shortHash(key)}.jsonl`,
                  title: 'Everything Rapport holds about you',
                  altText: `A JSON Lines file of ${lines.length} record${lines.length === 1 ? '' : 's'}: everything Rapport holds about you.`,
                  base64: bytes.toString('base64'),
                }),
              },
            ];
      await deps.db.transaction((tx) => enqueueMessages(tx, messages, now));
      return lines.length;
    },
    forget: (input) => erasePerson(deps, input),
  };
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);
