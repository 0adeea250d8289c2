import { viewsOf } from '../db/repos/outbox.js';

/** A ritual as a playbook message names it. */
export type NamedRitual = { id: number; kind: string; label: string; schedule: string };

/** What playbooks say in Slack, as data; src/slack/views/rituals/playbook.ts renders each. */
export type PlaybookViews = {
  /** In the channel, once: what the playbook set up, and its kickoff charter prompt. */
  'playbooks.applied': {
    channelId: string;
    title: string;
    appliedBy: string;
    created: NamedRitual[];
    kept: NamedRitual[];
    charterPrompt: boolean;
    /** The project's debrief prompt: its project and when, ISO 8601. */
    debrief: { project: string | null; at: string } | null;
  };
  /**
   * On the project's last day: the prompt to hold its debrief; once a debrief is posted in the
   * channel, who posted it and when, in place of its button.
   */
  'playbooks.debrief': {
    channelId: string;
    project: string | null;
    endDate: string;
    settled?: { by: string; at: Date };
  };
};

export const playbookView = viewsOf<PlaybookViews>();
