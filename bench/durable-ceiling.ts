import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { createGroupCommit } from '../src/db/group-commit.js';
import { openDatabase } from '../src/db/open-database.js';
import { createLogger } from '../src/logger.js';

/**
 * The durable ceiling: bare Bolt (as bench/bare-bolt.ts) plus the least a durable app must do per
 * reaction: store it with one group-committed `INSERT … SELECT FROM unnest(…) ON CONFLICT DO
 * NOTHING` (a pool of 4, up to 4 writes at once), and answer Slack only after the commit. On the
 * same database as Rapport (DATABASE_URL, or the embedded engine Rapport owns in DATA_DIR, joined).
 * Rapport ÷ this is what Rapport's own work costs beyond storing the reaction at all.
 */
const signingSecret = required('SLACK_SIGNING_SECRET');
const port = Number(required('PORT'));
const log = createLogger({ level: 'warn', destination: process.stderr });
const opened = await openDatabase(
  { url: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR ?? './data', poolMax: 4 },
  log,
  { migrate: false },
);
const { db } = opened;
await db.execute(
  `create table if not exists bench_ceiling_reactions (
     team_id text not null, channel_id text not null, message_ts numeric not null, user_id text not null,
     emoji text not null, event_ts numeric not null,
     primary key (team_id, channel_id, message_ts, user_id, emoji))`,
  [],
);

type Reaction = { team: string; channel: string; ts: string; user: string; emoji: string; eventTs: string };
const writer = createGroupCommit<Reaction>(
  async (items) => {
    await db.execute(
      `insert into bench_ceiling_reactions
       select * from unnest($1::text[], $2::text[], $3::numeric[], $4::text[], $5::text[], $6::numeric[])
       on conflict do nothing`,
      [
        items.map((r) => r.team),
        items.map((r) => r.channel),
        items.map((r) => r.ts),
        items.map((r) => r.user),
        items.map((r) => r.emoji),
        items.map((r) => r.eventTs),
      ],
    );
  },
  { maxItems: 500, maxConcurrentWrites: 4 },
);

const receiver = new HTTPReceiver({
  signingSecret,
  processBeforeResponse: true,
  customRoutes: [
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        res.writeHead(200);
        res.end();
      },
    },
  ],
});
const app = new App({
  token: required('SLACK_BOT_TOKEN'),
  receiver,
  logLevel: LogLevel.WARN,
  clientOptions: { slackApiUrl: required('SLACK_API_URL') },
});
app.event('reaction_added', async ({ event, body }) => {
  const item = event.item as { channel?: string; ts?: string };
  await writer.write({
    team: String(body.team_id),
    channel: item.channel ?? '',
    ts: item.ts ?? '0',
    user: event.user,
    emoji: event.reaction,
    eventTs: event.event_ts,
  });
});

await app.start(port);
process.once('SIGTERM', () => {
  void app
    .stop()
    .then(() => opened.close())
    .then(() => process.exit(0));
});

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`durable-ceiling: ${name} is not set\n`);
    process.exit(1);
  }
  return value;
}
