import { viewsOf } from '../db/repos/outbox.js';

/** An escalation's texts: only in its channel when it is not private, and to the owners it reached. */
export type EscalationTexts = {
  issue: string;
  needsA: string | null;
  needsB: string | null;
  options: string | null;
  criteria: string | null;
};

/** How an escalation stands, as its messages show it. */
export type EscalationState = {
  id: number;
  channelId: string;
  private: boolean;
  state: 'open' | 'resolved';
  level: number;
  levels: number;
  levelDueAt: Date;
  resolvedAt: Date | null;
};

/**
 * The channel's summary. A private escalation's carries no texts and no names (the queued row holds
 * none either): only that it exists, its level and its state.
 */
export type EscalationSummary = EscalationState & {
  shown?: {
    raisedBy: string;
    texts: EscalationTexts;
    resolution: { agreed: string; reason: string; by: string } | null;
  };
};

/** To an owner of the level it reached: everything, and why they hear of it. */
export type EscalationOwnerDm = EscalationState & {
  raisedBy: string;
  texts: EscalationTexts;
  why: 'raised' | 'escalated';
  threadTs: string | null;
};

/** What escalations say in Slack, as data; src/slack/views renders each when it is delivered. */
export type EscalationViews = {
  'escalations.summary': EscalationSummary;
  'escalations.owner-dm': EscalationOwnerDm;
  /** To whoever raised it, privately, where the bot may not post in the channel. */
  'escalations.not-posted': { channelId: string };
};

export const escalationView = viewsOf<EscalationViews>();
