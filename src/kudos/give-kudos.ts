import type { Clock } from '../clock.js';
import { zoneOfPerson } from '../people/time-zones.js';
import type { Database, Queryable } from '../db/database.js';
import { enqueueMessages } from '../db/repos/outbox.js';
import { insertKudosAnnouncement } from '../db/repos/kudos-announcements.js';
import { lockKudosGiver } from '../db/repos/kudos-budget.js';
import { insertKudos, type KudosRequest, receiversOfRequest, type Side } from '../db/repos/kudos.js';
import { UserError } from '../errors.js';
import type { Directory, Person } from '../people/directory.js';
import { type BudgetRefusal, budgetRefusal, giverDay } from './budget.js';
import { announcementKey, kudosView } from './kudos-views.js';
import { queueKudosDms } from './recipient-dms.js';

export type GiveKudosInput = {
  teamId: string;
  giverId: string;
  channelId: string;
  recipientIds: readonly string[];
  reason: string;
  request: KudosRequest;
  /** The message the kudos were given on (the "Give kudos" form), linked from the announcement. */
  messageLink?: string | null;
  /**
   * A command's response_url: where the bot may not post in the channel, the announcement is said
   * through it instead, as Slack allows wherever the command was typed.
   */
  respondUrl?: string;
};

export type GiveKudosResult =
  | { kind: 'given'; recipientIds: string[]; announcementId: number }
  | { kind: 'replayed'; recipientIds: string[] }
  | { kind: 'over_budget'; refusal: BudgetRefusal };

export type RecipientProblem = 'none' | 'self' | 'unknown' | 'bot' | 'deactivated';

/** Thrown before anything is saved when someone named cannot receive kudos. */
export class RecipientError extends UserError {
  constructor(
    readonly problem: RecipientProblem,
    userMessage: string,
  ) {
    super(userMessage, 'kudos_recipient');
    this.name = 'RecipientError';
  }
}

/**
 * Kudos with a reason, from a command or the "Give kudos" form: every recipient checked, then, in
 * one transaction under the giver's lock, one kudos each (all of them or none, within the giver's
 * daily budget), the announcement they belong to, and the recipients' DMs. A second delivery of
 * the same request records nothing and says so.
 */
export async function giveKudos(
  deps: { db: Database; directory: Directory; clock: Clock; emoji: (teamId: string) => Promise<string[]> },
  input: GiveKudosInput,
): Promise<GiveKudosResult> {
  const { teamId, giverId } = input;
  const recipients = await checkRecipients(deps.directory, teamId, giverId, input.recipientIds);
  const giver = await deps.directory.find(teamId, giverId);
  const giverZone = (await zoneOfPerson(deps, teamId, giverId)).zone;
  const now = deps.clock.now();
  // Read before the transaction: on the embedded engine it holds the only connection.
  const emoji = await deps.emoji(teamId);
  return deps.db.transaction(async (tx): Promise<GiveKudosResult> => {
    await lockKudosGiver(tx, teamId, giverId);
    const earlier = await receiversOfRequest(tx, teamId, input.request);
    if (earlier.length > 0) return { kind: 'replayed', recipientIds: earlier };
    const day = giverDay(giverZone, now);
    const refusal = await budgetRefusal(tx, { teamId, giverId, day, wanted: recipients.length, now });
    if (refusal) return { kind: 'over_budget', refusal };
    const announcementId = await insertKudosAnnouncement(tx, { teamId, channelId: input.channelId, now });
    const given = await insertKudos(tx, {
      teamId,
      giver: { id: giverId, teamId: giver?.homeTeamId ?? null },
      channelId: input.channelId,
      reason: input.reason,
      announcementId,
      request: input.request,
      receivers: recipients.map(side),
      now,
    });
    // The channel hears first, then each receiver by DM.
    await announce(
      tx,
      { ...input, announcementId, recipientIds: recipients.map((p) => p.userId) },
      emoji,
      now,
    );
    await queueKudosDms(tx, given, now);
    return { kind: 'given', recipientIds: recipients.map((p) => p.userId), announcementId };
  });
}

/**
 * The kudos' public post in the channel, said once with the kudos; a kudos emoji on it seconds
 * them (a ditto). Where the bot may not post, a command's response_url says it instead (where the
 * bot never hears reactions, so without the invitation to react), else the giver hears why.
 */
async function announce(
  tx: Queryable,
  a: GiveKudosInput & { announcementId: number; recipientIds: string[] },
  emoji: string[],
  now: Date,
) {
  const post = {
    giverId: a.giverId,
    recipientIds: a.recipientIds,
    reason: a.reason,
    emoji,
    messageLink: a.messageLink ?? null,
  };
  await enqueueMessages(
    tx,
    [
      {
        teamId: a.teamId,
        channelId: a.channelId,
        dedupeKey: announcementKey(a.announcementId),
        ...kudosView('kudos.announcement', { ...post, dittoable: true }),
        respondUrl: a.respondUrl,
        ifNotPosted: {
          userId: a.giverId,
          ...kudosView('kudos.announcement-failed', { recipientIds: a.recipientIds }),
          respond: kudosView('kudos.announcement', { ...post, dittoable: false }),
        },
      },
    ],
    now,
  );
}

const side = (p: Person): Side => ({ id: p.userId, teamId: p.homeTeamId });

/** The people named, in order, each a real, active person other than the giver; else a UserError. */
async function checkRecipients(
  directory: Directory,
  teamId: string,
  giverId: string,
  recipientIds: readonly string[],
): Promise<Person[]> {
  if (recipientIds.length === 0) {
    throw new RecipientError('none', 'Pick at least one person to thank. Nothing was recorded.');
  }
  if (recipientIds.includes(giverId)) {
    throw new RecipientError(
      'self',
      'Kudos are for recognising someone else, so you cannot give them to yourself. Nothing was recorded.',
    );
  }
  const people = await Promise.all(
    recipientIds.map(async (id) => ({ id, person: await directory.find(teamId, id) })),
  );
  return people.map(({ id, person }) => {
    if (person === undefined) {
      throw new RecipientError('unknown', `I can't find <@${id}> in this workspace. Nothing was recorded.`);
    }
    if (person.isBot) {
      throw new RecipientError('bot', `<@${id}> is a bot; kudos are for people. Nothing was recorded.`);
    }
    if (person.isDeleted) {
      throw new RecipientError(
        'deactivated',
        `<@${id}> has been deactivated, so they can't receive kudos. Nothing was recorded.`,
      );
    }
    return person;
  });
}
