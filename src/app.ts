import { App, HTTPReceiver, type InstallationStore, type Receiver, webApi } from '@slack/bolt';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { RapportError } from './errors.js';
import { requestFactsProperty } from './http/request-context.js';
import { INSTALL_PATH, REDIRECT_PATH, SLACK_BODY_LIMIT_BYTES, SLACK_EVENTS_PATH } from './http/server.js';
import { inboundGate } from './slack/inbound/http-gate.js';
import { answerFailedRequest, worthSendingAgain } from './slack/inbound/failed-request.js';
import { requireSchemas } from './slack/inbound/require-schemas.js';
import { createKudosService } from './kudos/kudos-service.js';
import { createAuditService } from './audit/audit.js';
import { createRetentionService } from './retention/retention-service.js';
import { createPrivacyService } from './privacy/privacy-service.js';
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
import { createEscalationsService } from './escalations/escalations-service.js';
import type { RitualRunners } from './scheduler/ritual-kind.js';
import { createStandupService } from './standups/standups-service.js';
import { createCharterService } from './charter/charter-service.js';
import { createDecisionsService } from './decisions/decisions-service.js';
import { createHomeService } from './home/home-service.js';
import { digestKind } from './health/digest-kind.js';
import { reviewKind } from './reviews/review-kind.js';
import { pairsKind } from './pairs/pairs-kind.js';
import { skillsKind } from './pairs/skills-kind.js';
import { createPairsService } from './pairs/pairs-service.js';
import { createReviewsService } from './reviews/reviews-service.js';
import { createPlaybookService } from './rituals/playbook-service.js';
import { createImpactReports } from './health/impact-report.js';
import { playbooks } from './rituals/playbooks.js';
import { createHealthService } from './health/health-service.js';
import { createResponsivenessService } from './health/responsiveness-service.js';
import { createCreditsService } from './credits/credits-service.js';
import { createGivesService } from './gives/gives-service.js';
import { standupKind } from './standups/standup-kind.js';
import { type Background, createBackground } from './slack/background.js';
import { slackErrorCode } from './slack/errors.js';
import { DurableSocketModeReceiver } from './slack/durable-socket-receiver.js';
import { registerListeners } from './slack/listeners/index.js';
import { createOutbox, type Outbox } from './slack/outbox.js';
import { createRecordSets } from './slack/record-sets.js';
import { recordSetTokens } from './slack/record-set-tokens.js';
import { createPartnerNotices } from './slack/partner-notice.js';
import { type BotTokens, fixedBotToken, installedBotTokens } from './slack/installations/bot-tokens.js';
import { installCallbacks } from './slack/installations/install-pages.js';
import { createInstallationStore, isNotInstalled } from './slack/installations/installation-store.js';
import { BOT_SCOPES } from './slack/installations/scopes.js';
import { createTokenCipher, type TokenCipher } from './slack/installations/token-cipher.js';
import { sealedKeyIds } from './db/repos/installations.js';
import { registerInstallationEvents } from './slack/listeners/events/installations.js';
import { createMetrics, type Metrics } from './metrics/metrics.js';

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
  /** The bot token Rapport uses for a workspace's calls of its own (single token, or its installation's). */
  botTokens: BotTokens;
  /** Installs by OAuth: where installations are kept; undefined in single-token mode. */
  installationStore: InstallationStore | undefined;
  /** Slack's requests over HTTP (and, with OAuth, /slack/install and /slack/oauth_redirect); undefined in Socket Mode. */
  httpListener: HTTPReceiver['requestListener'] | undefined;
  /** Checks the bot token with Slack (auth.test) and, in Socket Mode, connects. */
  start(): Promise<void>;
  /** Disconnects Socket Mode; HTTP requests stop when the server closes. */
  stop(): Promise<void>;
  /** This app's metrics, in a registry of its own: served at /metrics (src/metrics/metrics.ts). */
  metrics: Metrics;
};

/** Builds the Bolt app and every service behind it. Nothing starts listening here. */
export function createApp(deps: AppDeps): RapportApp {
  const { config, db, log, clock } = deps;
  // playbooks.json is read (and checked) once, at start: a broken file stops Rapport with one line.
  playbooks();
  const logger = boltLogger(log);
  const metrics = createMetrics({ db, clock });
  const cipher = config.slack.oauth ? createTokenCipher(encryptionOf(config)) : undefined;
  const installationStore = cipher
    ? createInstallationStore({
        db,
        cipher,
        clock,
        // Called only once the app is built (an install, a refresh, an uninstall).
        changed: (installKey) => botTokens.forget(installKey),
      })
    : undefined;
  const receiver = createReceiver(config, log, installationStore, metrics);
  const botTokens = botTokensOf(config, receiver);
  // Each record set's token: a workspace's installation, or one of the installations a shared
  // channel's workspaces have (src/slack/record-set-tokens.ts).
  const botTokenFor = recordSetTokens(db, botTokens.botTokenFor);
  const bolt = new App({
    token: config.slack.botToken,
    receiver: receiver as Receiver,
    logger,
    deferInitialization: true,
    convoStore: false,
    clientOptions: {
      slackApiUrl: config.slack.apiUrl,
      // Every Web API call is counted by method and outcome (Bolt copies this to each workspace's client).
      fetch: metrics.slackFetch,
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
      fetch: metrics.slackFetch,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
  // Lookups on the acknowledgement path must answer fast or fail: no retries, a short timeout.
  const quickClient = clientWithoutRetries(2_000);
  const directory = createDirectory({ db, slack: quickClient, botTokenFor, clock, log });
  const background = createBackground(log);
  const records = createRecordSets({
    db,
    clock,
    log,
    slack: quickClient,
    botTokenFor: botTokens.botTokenFor,
  });
  const partners = createPartnerNotices({
    db,
    outbox: { say: (messages) => outbox.say(messages) },
    refreshNames: (recordSet, teamIds) => teamNames.refresh(recordSet, teamIds),
    installedAmong: config.slack.oauth
      ? async (teamIds) => {
          const tokens = await Promise.all(teamIds.map((id) => botTokens.botTokenFor(id)));
          return new Set(teamIds.filter((_, i) => tokens[i] !== undefined));
        }
      : // One workspace holds SLACK_BOT_TOKEN: the one every request comes through.
        async (_teamIds, via) => new Set([via]),
    // The install page sits beside the redirect URL Slack knows (/slack/install).
    install: {
      byOAuth: config.slack.oauth !== undefined,
      url: config.slack.oauth?.redirectUri?.replace(/\/slack\/oauth_redirect$/, '/slack/install'),
    },
  });
  const kudos = createKudosService({ db, directory, clock });
  const rituals = createRitualsService({
    db,
    directory,
    clock,
    members: channelMembersFrom(bolt.client, botTokenFor),
    runnableKinds: new Set(Object.keys(RITUAL_RUNNERS)),
  });

  const standups = createStandupService({ db, clock, directory });
  const pulse = createPulseService({ db, clock });
  const retros = createRetroService({ db, clock });
  const actionItems = createActionItemsService({ db, clock, directory });
  const debriefs = createDebriefService({ db, clock });
  // The outbox decides about retries itself, so its client never retries on its own.
  const outboxClient = clientWithoutRetries(10_000);
  const outbox = createOutbox({
    db,
    clock,
    log,
    slack: outboxClient,
    botTokenFor,
    background,
    observe: metrics,
  });
  const teamNames = createTeamNames({ db, slack: quickClient, botTokenFor, clock, log });
  const escalations = createEscalationsService({ db, clock });
  const charter = createCharterService({ db, clock });
  const retention = createRetentionService({ db, clock, settings: config.retention, directory, log });
  const jobs = createJobs({
    db,
    clock,
    log,
    outbox,
    kinds: RITUAL_RUNNERS,
    hourly: teamNames.refreshAll,
    // An escalation past its level's target moves on once, each tick; a charter's review, once due.
    // Retention records a change of its settings at the first tick, and erases once a day (UTC).
    everyTick: [escalations.escalateDue, () => charter.askDueReviews(), retention.run],
    observe: metrics,
  });

  const runNow = async () => {
    await jobs.tick();
    await jobs.deliver();
  };
  const decisions = createDecisionsService({ db, clock, directory });
  const credits = createCreditsService({ db, clock, directory });
  const gives = createGivesService({ db, clock, directory });
  const home = createHomeService({
    db,
    clock,
    directory,
    kudosSummary: kudos.summary,
    creditsOf: credits.forPerson,
    log,
  });
  const health = createHealthService({ db, clock, directory, teamNames });
  const responsiveness = createResponsivenessService({ db, clock, directory });
  const reviews = createReviewsService({ db, clock, directory });
  const pairs = createPairsService({ db, clock, directory });
  const playbookService = createPlaybookService({ clock, rituals });
  const reports = createImpactReports({ db, clock, log, teamNames });
  registerListeners(requireSchemas(bolt), {
    responsiveness,
    reviews,
    pairs,
    playbooks: playbookService,
    reports,
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
    gives,
    records,
    partners,
    escalations,
    audit: createAuditService({ db, directory }),
    retention,
    privacy: createPrivacyService({ db, clock, forgetDeactivated: config.forgetDeactivated }),
  });
  if (installationStore)
    registerInstallationEvents(requireSchemas(bolt), { installationStore, log, partners });
  bolt.error(async (error) => {
    if (error.code === 'slack_bolt_authorization_error' && isNotInstalled(error)) {
      // A request from a workspace without an installation (never installed, or uninstalled):
      // answered, so Slack does not send it again, and nothing is done.
      log.warn(
        { reason: error.message },
        'a Slack request came from a workspace where Rapport is not installed',
      );
      return;
    }
    log.error(
      { err: error },
      worthSendingAgain(error)
        ? 'a Slack request failed on something unavailable; Slack is answered 500 and will send it again'
        : 'a Slack request failed; Slack is answered 200 so it does not send it again',
    );
    // The receiver answers (answerFailedRequest): 500 only when sending it again can succeed.
    throw error;
  });

  return {
    bolt,
    background,
    jobs,
    outbox,
    botTokens,
    installationStore,
    metrics,
    httpListener:
      receiver instanceof HTTPReceiver
        ? inboundGate(
            {
              signingSecret: config.slack.signingSecret ?? '',
              log,
              path: SLACK_EVENTS_PATH,
              bodyLimit: SLACK_BODY_LIMIT_BYTES,
            },
            receiver.requestListener,
          )
        : undefined,
    async start() {
      try {
        // Single-token mode checks the token with Slack (auth.test); OAuth mode has none to check.
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
      if (cipher) await checkKeys(db, cipher);
      // Messages go out as soon as they are committed; the scheduler's poll catches the rest.
      outbox.listen();
      if (receiver instanceof DurableSocketModeReceiver) await receiver.start();
    },
    async stop() {
      outbox.stop();
      metrics.close();
      if (receiver instanceof DurableSocketModeReceiver) await receiver.stop();
    },
  };
}

/**
 * OAuth mode starts only if it can open every stored token: a key that was replaced without being
 * listed in RAPPORT_ENCRYPTION_OLD_KEYS would otherwise fail each workspace's requests one by one.
 */
async function checkKeys(db: Database, cipher: TokenCipher): Promise<void> {
  const unknown = (await sealedKeyIds(db)).filter((id) => !cipher.knows(id));
  if (unknown.length > 0) {
    throw new RapportError(
      'encryption_key_unknown',
      `stored Slack tokens were encrypted with key ${unknown.join(', ')}, which is neither RAPPORT_ENCRYPTION_KEY nor in RAPPORT_ENCRYPTION_OLD_KEYS: add the earlier key to RAPPORT_ENCRYPTION_OLD_KEYS`,
    );
  }
}

function encryptionOf(config: Config) {
  if (!config.encryption) {
    throw new RapportError('encryption_key_missing', 'installs by OAuth need RAPPORT_ENCRYPTION_KEY');
  }
  return { current: config.encryption.current, old: config.encryption.old };
}

/** Single-token mode: SLACK_BOT_TOKEN for every call. OAuth: each workspace's installation's. */
function botTokensOf(config: Config, receiver: HTTPReceiver | DurableSocketModeReceiver): BotTokens {
  if (config.slack.botToken) return fixedBotToken(config.slack.botToken);
  const installer = receiver instanceof HTTPReceiver ? receiver.installer : undefined;
  if (!installer) throw new RapportError('oauth_not_configured', 'installs by OAuth need the HTTP receiver');
  return installedBotTokens((source) => installer.authorize(source));
}

function createReceiver(
  config: Config,
  log: Logger,
  installationStore: InstallationStore | undefined,
  metrics: Metrics,
): HTTPReceiver | DurableSocketModeReceiver {
  const logger = boltLogger(log);
  if (config.slack.mode === 'socket' && config.slack.appToken) {
    return new DurableSocketModeReceiver({
      appToken: config.slack.appToken,
      slackApiUrl: config.slack.apiUrl,
      log,
      boltLogger: logger,
      metrics,
    });
  }
  return new HTTPReceiver({
    signingSecret: config.slack.signingSecret ?? '',
    logger,
    // Answer Slack only after the listeners finish, so nothing is acknowledged before it is stored.
    processBeforeResponse: true,
    bodyLimit: SLACK_BODY_LIMIT_BYTES,
    customPropertiesExtractor: requestFactsProperty,
    processEventErrorHandler: answerFailedRequest,
    ...(config.slack.oauth && installationStore
      ? oauthOptions(config, log, installationStore, metrics.slackFetch)
      : {}),
  });
}

/**
 * Installs by OAuth, run by Bolt's HTTPReceiver with @slack/oauth's InstallProvider: the "Add to
 * Slack" page at INSTALL_PATH (with a signed state, also kept in a cookie, that the redirect must
 * bring back), the redirect at REDIRECT_PATH (oauth.v2.access, auth.test, then the store), and
 * authorize for every request, which refreshes rotating tokens before they expire.
 */
function oauthOptions(
  config: Config,
  log: Logger,
  installationStore: InstallationStore,
  slackFetch: typeof fetch,
) {
  const oauth = config.slack.oauth as NonNullable<Config['slack']['oauth']>;
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    redirectUri: oauth.redirectUri,
    scopes: [...BOT_SCOPES],
    installationStore,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      callbackOptions: installCallbacks(log, INSTALL_PATH),
      // oauth.v2.access, auth.test and token refreshes go to the same Slack as every other call.
      clientOptions: {
        slackApiUrl: config.slack.apiUrl,
        logger: boltLogger(log),
        fetch: slackFetch,
        retryConfig: { retries: 0 },
      },
      // Slack's page beside its API (https://slack.com/oauth/v2/authorize), or the stand-in's.
      authorizationUrl: new URL('../oauth/v2/authorize', config.slack.apiUrl).toString(),
    },
  };
}

/** What the scheduler runs for each kind of ritual, by the name stored in rituals.kind. */
const RITUAL_RUNNERS: RitualRunners = {
  standup: standupKind,
  pulse: pulseKind,
  retro: retroKind,
  digest: digestKind,
  review: reviewKind,
  pairs: pairsKind,
  skills: skillsKind,
};
