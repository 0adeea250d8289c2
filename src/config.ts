import { z } from 'zod';
import { parseKey } from './slack/installations/token-cipher.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function RETENTION_HINT(what: string): string {
  return `set it to how many days to keep ${what}, a whole number from 1 to ${MAX_RETENTION_DAYS} (such as 90), or leave it unset to keep it forever`;
}

/** A hundred years: enough for any policy, small enough for date arithmetic. */
const MAX_RETENTION_DAYS = 36500;

/** What each variable is for, in the words an admin needs when it is wrong. */
const HINTS: Record<string, string> = {
  SLACK_BOT_TOKEN:
    "set it to the app's Bot User OAuth Token (xoxb-…), from OAuth & Permissions in the Slack app settings (or, for installs by OAuth in several workspaces, set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET instead)",
  SLACK_CLIENT_ID: 'set it to the Client ID from Basic Information in the Slack app settings',
  SLACK_CLIENT_SECRET: 'set it to the Client Secret from Basic Information in the Slack app settings',
  SLACK_STATE_SECRET:
    'set it to a random text of at least 16 characters (openssl rand -hex 32); it signs the OAuth state',
  SLACK_REDIRECT_URI:
    "set it to this server's public https URL ending in /slack/oauth_redirect, as listed under Redirect URLs in OAuth & Permissions, or leave it unset",
  RAPPORT_ENCRYPTION_KEY:
    "set it to 32 random bytes in base64 (openssl rand -base64 32); installed workspaces' tokens are encrypted with it",
  RAPPORT_ENCRYPTION_OLD_KEYS:
    'set it to the earlier RAPPORT_ENCRYPTION_KEY values, comma-separated, until npm run rotate-key has run, or leave it unset',
  SLACK_SIGNING_SECRET: 'set it to the Signing Secret from Basic Information in the Slack app settings',
  SLACK_APP_TOKEN:
    'set it to an app-level token (xapp-…) with the connections:write scope to use Socket Mode, or leave it unset to use HTTP',
  SLACK_API_URL:
    'set it to the base URL of the Slack Web API, such as https://slack.com/api/, or leave it unset',
  DATABASE_URL:
    'set it to a Postgres connection URL such as postgres://user:password@host:5432/rapport, or leave it unset to use the embedded database',
  DATA_DIR: 'set it to a folder the bot may write to, or leave it unset for ./data',
  PORT: 'set it to a TCP port number between 0 and 65535, or leave it unset for 3000',
  HOST: 'set it to the address the playground listens on, such as 0.0.0.0 for every network interface, or leave it unset for 127.0.0.1 (this machine only)',
  LOG_LEVEL: `set it to one of ${LOG_LEVELS.join(', ')}, or leave it unset for info`,
  DATABASE_POOL_MAX: 'set it to a whole number of connections between 1 and 100, or leave it unset for 10',
  FORGET_DEACTIVATED:
    'set it to true to erase a member as soon as Slack says they were deactivated, or to false (or leave it unset) to keep their records until an admin runs /rapport forget-me @member',
  RETENTION_DAYS_CHECKINS: RETENTION_HINT("stand-up answers' text"),
  RETENTION_DAYS_NOTES: RETENTION_HINT("retro notes' text"),
  RETENTION_DAYS_EVENTS: RETENTION_HINT("kudos reactions' states and delivered messages' records"),
};

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** A number of days to keep something; unset (or empty) keeps it forever. */
const retentionDays = optionalText.pipe(
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number of days')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be 1 or more').max(MAX_RETENTION_DAYS, 'is too large'))
    .optional(),
);

const databaseSchema = z.object({
  DATABASE_URL: optionalText.pipe(
    z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  ),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: 'is not a log level' }).default('info'),
});

const encryptionSchema = z.object({
  RAPPORT_ENCRYPTION_KEY: optionalText.pipe(
    z
      .string()
      .transform((text, ctx) => {
        const key = parseKey(text);
        if (key) return key;
        ctx.issues.push({ code: 'custom', input: text, message: NOT_A_KEY });
        return z.NEVER;
      })
      .optional(),
  ),
  RAPPORT_ENCRYPTION_OLD_KEYS: optionalText.pipe(
    z
      .string()
      .transform((text, ctx) => {
        const keys = text
          .split(',')
          .filter((k) => k.trim() !== '')
          .map(parseKey);
        if (keys.every((k): k is Buffer => k !== undefined)) return keys;
        ctx.issues.push({
          code: 'custom',
          input: text,
          message: `holds a value that ${NOT_A_KEY.replace('must be', 'is not')}`,
        });
        return z.NEVER;
      })
      .optional(),
  ),
});

const schema = databaseSchema.extend(encryptionSchema.shape).extend({
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'must start with xoxb-').optional()),
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText.pipe(z.string().min(16, 'is too short').optional()),
  SLACK_REDIRECT_URI: optionalText.pipe(
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  RETENTION_DAYS_CHECKINS: retentionDays,
  RETENTION_DAYS_NOTES: retentionDays,
  RETENTION_DAYS_EVENTS: retentionDays,
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'must start with xapp-').optional()),
  /** When set, GET /metrics asks for `Authorization: Bearer <METRICS_TOKEN>`; unset, it is open. */
  METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'is too short (at least 16 characters)').optional()),
  /** true: a member Slack deactivates (user_change, `deleted: true`) is erased at once (src/privacy). */
  FORGET_DEACTIVATED: optionalText
    .pipe(z.enum(['true', 'false'], { error: 'must be true or false' }).optional())
    .transform((value) => value === 'true'),
  SLACK_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default('https://slack.com/api/')
    .transform((url) => (url.endsWith('/') ? url : `${url}/`)),
  PORT: z.coerce.number({ error: 'must be a number' }).int().min(0).max(65535).default(3000),
});

/** The variables that connect a Slack workspace. */
export const SLACK_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_API_URL',
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'SLACK_REDIRECT_URI',
];

/** What OAuth mode needs, all together. */
const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'];

const NOT_A_KEY = 'must be 32 bytes in base64';

/**
 * No Slack variable set at all: `npm start` opens the playground instead of failing. Any one of
 * them set means a workspace is meant, and a partial configuration is still an error.
 */
export function wantsPlayground(env: NodeJS.ProcessEnv): boolean {
  return SLACK_VARIABLES.every((name) => (env[name]?.trim() ?? '') === '');
}

/**
 * Rules across variables, checked on the raw environment so they are reported with all the others:
 * the mode's own variables first, the rest after the variables' own problems.
 */
function crossChecks(env: NodeJS.ProcessEnv): { first: string[]; last: string[] } {
  const blank = (name: string) => (env[name]?.trim() ?? '') === '';
  const first: string[] = [];
  const problems: string[] = [];
  const oauth = OAUTH_VARIABLES.some((name) => !blank(name));
  if (oauth) {
    // Exactly one mode: a single workspace's token, or installs by OAuth.
    if (!blank('SLACK_BOT_TOKEN')) {
      problems.push(
        `Configuration error: SLACK_BOT_TOKEN cannot be set together with ${OAUTH_VARIABLES.join(', ')}: unset SLACK_BOT_TOKEN to let workspaces install Rapport by OAuth, or unset the others to use that one token.`,
      );
    }
    for (const name of OAUTH_VARIABLES.filter(blank)) {
      problems.push(
        problem(name, `is missing (installs by OAuth need ${OAUTH_VARIABLES.join(', ')} together)`),
      );
    }
    if (blank('RAPPORT_ENCRYPTION_KEY')) {
      problems.push(
        problem('RAPPORT_ENCRYPTION_KEY', 'is missing (installs by OAuth keep their tokens encrypted)'),
      );
    }
    if (!blank('SLACK_APP_TOKEN')) {
      problems.push(
        'Configuration error: SLACK_APP_TOKEN cannot be used with installs by OAuth: Slack sends the install to /slack/oauth_redirect over HTTP, so unset SLACK_APP_TOKEN and set SLACK_SIGNING_SECRET.',
      );
    }
  } else if (blank('SLACK_BOT_TOKEN')) {
    first.push(problem('SLACK_BOT_TOKEN', 'is missing'));
  }
  if (blank('SLACK_APP_TOKEN') && blank('SLACK_SIGNING_SECRET')) {
    problems.push(
      problem(
        'SLACK_SIGNING_SECRET',
        'is missing (it is needed over HTTP, that is when SLACK_APP_TOKEN is unset)',
      ),
    );
  }
  return { first, last: problems };
}

export type LogLevel = (typeof LOG_LEVELS)[number];
export type DatabaseConfig = Readonly<{ url: string | undefined; dataDir: string; poolMax: number }>;

/** Installs by OAuth: Bolt's InstallProvider serves /slack/install and /slack/oauth_redirect. */
export type OAuthConfig = Readonly<{
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** Sent to Slack as redirect_uri; unset, Slack uses the app's only Redirect URL. */
  redirectUri: string | undefined;
}>;

/**
 * How many days Rapport keeps what people wrote and what it recorded of events, each undefined for
 * forever (src/retention): stand-up answers' text, retro notes' text, and kudos reactions' states
 * and the outbox's delivery records.
 */
export type RetentionConfig = Readonly<{
  checkinsDays: number | undefined;
  notesDays: number | undefined;
  eventsDays: number | undefined;
}>;

/** RAPPORT_ENCRYPTION_KEY and the older keys still accepted for reading. */
export type EncryptionConfig = Readonly<{ current: Buffer; old: readonly Buffer[] }>;

export type Config = Readonly<{
  slack: Readonly<{
    /** Single-token mode: the one workspace's bot token. Undefined in OAuth mode. */
    botToken: string | undefined;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string;
    mode: 'http' | 'socket';
    /** OAuth mode, when SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are set. */
    oauth: OAuthConfig | undefined;
  }>;
  /** Set in OAuth mode (required there), and whenever RAPPORT_ENCRYPTION_KEY is. */
  encryption: EncryptionConfig | undefined;
  database: DatabaseConfig;
  port: number;
  logLevel: LogLevel;
  retention: RetentionConfig;
  /** The bearer token /metrics asks for; undefined leaves /metrics open. */
  metricsToken: string | undefined;
  /** FORGET_DEACTIVATED: erase a member as soon as Slack says they were deactivated; false unless set. */
  forgetDeactivated: boolean;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws ConfigError with one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const checks = crossChecks(env);
  const e = parse(schema, env, checks.last, checks.first);
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
      oauth:
        e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET
          ? {
              clientId: e.SLACK_CLIENT_ID,
              clientSecret: e.SLACK_CLIENT_SECRET,
              stateSecret: e.SLACK_STATE_SECRET,
              redirectUri: e.SLACK_REDIRECT_URI,
            }
          : undefined,
    },
    encryption: encryptionOf(e),
    database: { url: e.DATABASE_URL, dataDir: e.DATA_DIR, poolMax: e.DATABASE_POOL_MAX },
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    retention: {
      checkinsDays: e.RETENTION_DAYS_CHECKINS,
      notesDays: e.RETENTION_DAYS_NOTES,
      eventsDays: e.RETENTION_DAYS_EVENTS,
    },
    metricsToken: e.METRICS_TOKEN,
    forgetDeactivated: e.FORGET_DEACTIVATED,
  };
}

/** Only what the command-line tools (migrate, export) need: the database and the log level. */
export function loadDatabaseConfig(env: NodeJS.ProcessEnv): { database: DatabaseConfig; logLevel: LogLevel } {
  const e = parse(databaseSchema, env);
  return {
    database: { url: e.DATABASE_URL, dataDir: e.DATA_DIR, poolMax: e.DATABASE_POOL_MAX },
    logLevel: e.LOG_LEVEL,
  };
}

/** What `npm run rotate-key` needs: the database, the log level and the keys (the current one required). */
export function loadKeyRotationConfig(env: NodeJS.ProcessEnv): {
  database: DatabaseConfig;
  logLevel: LogLevel;
  encryption: EncryptionConfig;
} {
  const more =
    (env.RAPPORT_ENCRYPTION_KEY?.trim() ?? '') === ''
      ? [problem('RAPPORT_ENCRYPTION_KEY', 'is missing')]
      : [];
  const e = parse(databaseSchema.extend(encryptionSchema.shape), env, more);
  return {
    database: { url: e.DATABASE_URL, dataDir: e.DATA_DIR, poolMax: e.DATABASE_POOL_MAX },
    logLevel: e.LOG_LEVEL,
    encryption: encryptionOf(e) as EncryptionConfig,
  };
}

function encryptionOf(e: z.infer<typeof encryptionSchema>): EncryptionConfig | undefined {
  return e.RAPPORT_ENCRYPTION_KEY
    ? { current: e.RAPPORT_ENCRYPTION_KEY, old: e.RAPPORT_ENCRYPTION_OLD_KEYS ?? [] }
    : undefined;
}

/** What the playground needs: where to keep its data, its port, and the log level. */
/**
 * Where the playground listens: this machine only unless HOST says otherwise, since anyone who
 * reaches its page can act as anyone and reset it.
 */
const playgroundHost = optionalText
  .pipe(
    z
      .string()
      .regex(/^[\w.:%-]{1,253}$/, 'must be a host name or an IP address')
      .optional(),
  )
  .transform((host) => host ?? '127.0.0.1');

export function loadPlaygroundConfig(env: NodeJS.ProcessEnv): {
  dataDir: string;
  port: number;
  host: string;
  logLevel: LogLevel;
  databaseUrl: string | undefined;
} {
  const e = parse(databaseSchema.extend({ PORT: schema.shape.PORT, HOST: playgroundHost }), env);
  return {
    dataDir: e.DATA_DIR,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
  };
}

function parse<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv,
  more: string[] = [],
  before: string[] = [],
): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success && more.length === 0 && before.length === 0) return parsed.data;
  const problems = (parsed.error?.issues ?? []).map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    return problem(
      name,
      issue.code === 'invalid_type' && env[name] === undefined ? 'is missing' : issue.message,
    );
  });
  throw new ConfigError([...new Set([...before, ...problems, ...more])]);
}

function problem(name: string, message: string): string {
  const hint = HINTS[name];
  return `Configuration error: ${name} ${message}${hint ? `: ${hint}.` : '.'}`;
}

/** The values that must never appear in a log line. */
export function secretsOf(config: {
  slack?: Config['slack'];
  encryption?: EncryptionConfig | undefined;
  database: DatabaseConfig;
  metricsToken?: string | undefined;
}): string[] {
  const dbPassword = config.database.url
    ? decodeURIComponent(new URL(config.database.url).password)
    : undefined;
  const slack = config.slack;
  const keys = config.encryption ? [config.encryption.current, ...config.encryption.old] : [];
  return [
    slack?.botToken,
    slack?.signingSecret,
    slack?.appToken,
    dbPassword,
    slack?.oauth?.clientSecret,
    slack?.oauth?.stateSecret,
    config.metricsToken,
    ...keys.flatMap((key) => [key.toString('base64'), key.toString('base64url')]),
  ].filter((secret): secret is string => typeof secret === 'string' && secret.length >= 8);
}
