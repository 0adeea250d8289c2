import { viewsOf } from '../db/repos/outbox.js';
import type { GivenKudos } from '../db/repos/kudos.js';

/** What kudos say in Slack, as data; src/slack/views renders each when it is delivered. */
export type KudosViews = {
  /** The public post of kudos given by command or form; `dittoable` where the bot posts it itself. */
  'kudos.announcement': {
    giverId: string;
    recipientIds: string[];
    reason: string;
    emoji: string[];
    messageLink?: string | null;
    dittoable: boolean;
  };
  /** To the giver, privately, where the announcement could not be posted. */
  'kudos.announcement-failed': { recipientIds: string[] };
  /** The receiver's DM; `secondOf` names the giver of the kudos a ditto seconds. */
  'kudos.dm': { kudos: GivenKudos; secondOf?: string };
  /** Kudos DMs to one person that were ready together, said as one (the outbox's merge). */
  'kudos.dms': { items: { kudos: GivenKudos; secondOf?: string }[] };
};

export const kudosView = viewsOf<KudosViews>();

/** The outbox key of an announcement's channel message; a reaction to it finds the kudos through it. */
export const announcementKey = (announcementId: number) => `kudos-announcement:${announcementId}`;
