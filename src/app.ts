import { App, HTTPReceiver, type Receiver, webApi } from '@slack/bolt';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { RapportError } from './errors.js';
import { requestFactsProperty } from './http/request-context.js';
import { SLACK_BODY_LIMIT_BYTES } from './http/server.js';
import { createKudosService } from './kudos/kudos-service.js';
import { boltLogger, type Logger } from './logger.js';
import { createDirectory } from './people/directory.js';
import { channelMembersFrom } from './slack/channel-members.js';
import { createPulseService } from './pulse/pulse-service.js';
import { pulseKind } from './pulse/pulse-kind.js';
import { createRitualsService } from './rituals/rituals-service.js';
import { createActionItemsService } from './retros/action-items.js';
import { createDebriefService } from './retros/debriefs.js';
import { retroKind } from './retros/retro-kind.js';
import { createRetroService } from './retros/retros-service.js';
import { createTeamNames } from './people/team-names.js';
import { createJobs, type Jobs } from './scheduler/jobs.js';
import type { RitualRunners } from './scheduler/ritual-kind.js';
import { createStandupService } from './standups/standups-service.js';
import { createCharterService } from './charter/charter-service.js';
import { createDecisionsService } from './decisions/decisions-service.js';
import { createHomeService } from './home/home-service.js';
import { digestKind } from './health/digest-kind.js';
import { createHealthService } from './health/health-service.js';
import { createCreditsService } from './credits/credits-service.js';
import { standupKind } from './standups/standup-kind.js';
import { type Background, createBackground } from './slack/background.js';
import { slackErrorCode } from './slack/errors.js';
import { DurableSocketModeReceiver } from './slack/durable-socket-receiver.js';
import { registerListeners } from './slack/listeners/index.js';
import { createOutbox, type Outbox } from './slack/outbox.js';
import { createRecordSets } from './slack/record-sets.js';
import { createPartnerNotices } from './slack/partner-notice.js';

export type AppDeps = {
  config: Config;
  db: Database;
  log: Logger;
  clock: Clock;
  /** Web API retries for work after the acknowledgement; tests pass 0. */
  slackRetries?: number;
};

export type RapportApp = {
  bolt: App;
  background: Background;
  /** The scheduler's tick and the outbox's delivery; main starts their clock, tests call them. */
  jobs: Jobs;
  /** The one way out to Slack; it delivers as soon as a message is committed once the app starts. */
  outbox: Outbox;
  /** Slack's requests over HTTP; undefined in Socket Mode. */
  httpListener: HTTPReceiver['requestListener'] | undefined;
  /** Checks the bot token with Slack (auth.test) and, in Socket Mode, connects. */
  start(): Promise<void>;
  /** Disconnects Socket Mode; HTTP requests stop when the server closes. */
  stop(): Promise<void>;
};

/** Builds the Bolt app and every service behind it. Nothing starts listening here. */
export function createApp(deps: AppDeps): RapportApp {
  const { config, db, log, clock } = deps;
  const logger = boltLogger(log);
  const receiver = createReceiver(config, log);
  const bolt = new App({
    token: config.slack.botToken,
    receiver: receiver as Receiver,
    logger,
    deferInitialization: true,
    convoStore: false,
    clientOptions: {
      slackApiUrl: config.slack.apiUrl,
      timeout: 10_000,
      retryConfig: { retries: deps.slackRetries ?? 3, factor: 2 },
    },
  });
  /** A Web API client that never retries nor waits out a rate limit: its caller decides. */
  const clientWithoutRetries = (timeout: number) =>
    new webApi.WebClient(config.slack.botToken, {
      slackApiUrl: config.slack.apiUrl,
      logger,
      timeout,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
  // Lookups on the acknowledgement path must answer fast or fail: no retries, a short timeout.
  const quickClient = clientWithoutRetries(2_000);
  const directory = createDirectory({ db, slack: quickClient, clock, log });
  const background = createBackground(log);
  const records = createRecordSets({ db, clock, log, slackFor: async () => quickClient });
  // One workspace holds SLACK_BOT_TOKEN: the one every request comes through.
  const partners = createPartnerNotices({
    db,
    outbox: { say: (messages) => outbox.say(messages) },
    installedAmong: async (_teamIds, via) => new Set([via]),
    installUrl: undefined,
  });
  const kudos = createKudosService({ db, directory, clock });
  const rituals = createRitualsService({
    db,
    directory,
    clock,
    members: channelMembersFrom(bolt.client),
    runnableKinds: new Set(Object.keys(RITUAL_RUNNERS)),
  });

  const standups = createStandupService({ db, clock, directory });
  const pulse = createPulseService({ db });
  const retros = createRetroService({ db, clock });
  const actionItems = createActionItemsService({ db, clock, directory });
  const debriefs = createDebriefService({ db, clock });
  // The outbox decides about retries itself, so its client never retries on its own.
  const outboxClient = clientWithoutRetries(10_000);
  const outbox = createOutbox({ db, clock, log, slack: outboxClient, background });
  const teamNames = createTeamNames({ db, slack: quickClient, clock, log });
  const jobs = createJobs({ db, clock, log, outbox, kinds: RITUAL_RUNNERS, hourly: teamNames.refreshAll });

  const runNow = async () => {
    await jobs.tick();
    await jobs.deliver();
  };
  const charter = createCharterService({ db, clock });
  const decisions = createDecisionsService({ db, clock, directory });
  const credits = createCreditsService({ db, clock, directory });
  const home = createHomeService({
    db,
    clock,
    directory,
    kudosSummary: kudos.summary,
    creditsOf: credits.forPerson,
  });
  const health = createHealthService({ db, clock, directory, teamNames });
  registerListeners(bolt, {
    kudos,
    rituals,
    standups,
    pulse,
    directory,
    background,
    outbox,
    log,
    runNow,
    retros,
    actionItems,
    debriefs,
    charter,
    decisions,
    home,
    health,
    clock,
    credits,
    records,
    partners,
  });
  bolt.error(async (error) => {
    log.error({ err: error }, 'a Slack request failed; Slack will see an error and may retry');
    throw error;
  });

  return {
    bolt,
    background,
    jobs,
    outbox,
    httpListener: receiver instanceof HTTPReceiver ? receiver.requestListener : undefined,
    async start() {
      try {
        await bolt.init();
      } catch (error) {
        const code = slackErrorCode(error);
        throw new RapportError(
          'slack_auth_failed',
          code
            ? `Slack rejected SLACK_BOT_TOKEN (${code}): copy the Bot User OAuth Token again from OAuth & Permissions`
            : `could not reach Slack at ${config.slack.apiUrl} to check SLACK_BOT_TOKEN`,
          { cause: error },
        );
      }
      // Messages go out as soon as they are committed; the scheduler's poll catches the rest.
      outbox.listen();
      if (receiver instanceof DurableSocketModeReceiver) await receiver.start();
    },
    async stop() {
      outbox.stop();
      if (receiver instanceof DurableSocketModeReceiver) await receiver.stop();
    },
  };
}

function createReceiver(config: Config, log: Logger): HTTPReceiver | DurableSocketModeReceiver {
  const logger = boltLogger(log);
  if (config.slack.mode === 'socket' && config.slack.appToken) {
    return new DurableSocketModeReceiver({
      appToken: config.slack.appToken,
      slackApiUrl: config.slack.apiUrl,
      log,
      boltLogger: logger,
    });
  }
  return new HTTPReceiver({
    signingSecret: config.slack.signingSecret ?? '',
    logger,
    // Answer Slack only after the listeners finish, so nothing is acknowledged before it is stored.
    processBeforeResponse: true,
    bodyLimit: SLACK_BODY_LIMIT_BYTES,
    customPropertiesExtractor: requestFactsProperty,
  });
}

/** What the scheduler runs for each kind of ritual, by the name stored in rituals.kind. */
const RITUAL_RUNNERS: RitualRunners = {
  standup: standupKind,
  pulse: pulseKind,
  retro: retroKind,
  digest: digestKind,
};
