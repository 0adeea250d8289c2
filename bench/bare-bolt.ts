import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

/**
 * The benchmark's yardstick: a Bolt app whose listeners do nothing, set up as Rapport sets up its
 * own (HTTP receiver, signatures checked, answering after the listener), so the difference in
 * throughput and latency is what Rapport does on top of Bolt. It listens where Rapport does: every
 * event, command, block action, view submission and shortcut is acknowledged with no work. Reads
 * the same variables as the bot.
 */
const token = required('SLACK_BOT_TOKEN');
const signingSecret = required('SLACK_SIGNING_SECRET');
const slackApiUrl = required('SLACK_API_URL');
const port = Number(required('PORT'));

const receiver = new HTTPReceiver({
  signingSecret,
  processBeforeResponse: true,
  // The benchmark waits for /readyz on both apps alike.
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
const app = new App({ token, receiver, logLevel: LogLevel.WARN, clientOptions: { slackApiUrl } });
// Bolt acknowledges events itself; the others are acknowledged by their listener, empty.
app.event(/.*/, async () => {});
app.command(/.*/, async ({ ack }) => ack());
app.action(/.*/, async ({ ack }) => ack());
app.view(/.*/, async ({ ack }) => ack());
app.shortcut(/.*/, async ({ ack }) => ack());

await app.start(port);
process.once('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`bare-bolt: ${name} is not set\n`);
    process.exit(1);
  }
  return value;
}
