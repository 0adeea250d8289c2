import type { OutboxFile } from '../db/repos/outbox.js';
import { viewsOf } from '../db/repos/outbox.js';
import type { Digest } from './digest.js';

/** What alliance health says in Slack, as data; src/slack/views renders each when it is delivered. */
export type HealthViews = {
  /** The weekly digest; `chartInThread` when its chart follows in the thread. */
  'health.digest': { digest: Digest; chartInThread: boolean };
  /** The impact report's post; the report itself follows in its thread as a file. */
  'health.report': {
    channelId: string;
    title: string;
    period: string;
    format: 'pdf' | 'html';
    requestedBy: string;
  };
};

/** Files shared in a message's thread. */
export type HealthFiles = {
  /** The digest's chart, drawn when the digest is queued. */
  'health.chart': OutboxFile;
  /** The impact report, as a PDF (or HTML where no Chromium is installed). */
  'health.report-file': OutboxFile;
};

export const healthView = viewsOf<HealthViews>();
export const healthFile = viewsOf<HealthFiles>();
