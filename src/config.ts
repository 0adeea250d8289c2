import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** What each variable is for, in the words an admin needs when it is wrong. */
const HINTS: Record<string, string> = {
  SLACK_BOT_TOKEN:
    "set it to the app's Bot User OAuth Token (xoxb-…), from OAuth & Permissions in the Slack app settings",
  SLACK_SIGNING_SECRET: 'set it to the Signing Secret from Basic Information in the Slack app settings',
  SLACK_APP_TOKEN:
    'set it to an app-level token (xapp-…) with the connections:write scope to use Socket Mode, or leave it unset to use HTTP',
  SLACK_API_URL:
    'set it to the base URL of the Slack Web API, such as https://slack.com/api/, or leave it unset',
  DATABASE_URL:
    'set it to a Postgres connection URL such as postgres://user:password@host:5432/rapport, or leave it unset to use the embedded database',
  DATA_DIR: 'set it to a folder the bot may write to, or leave it unset for ./data',
  PORT: 'set it to a TCP port number between 0 and 65535, or leave it unset for 3000',
  LOG_LEVEL: `set it to one of ${LOG_LEVELS.join(', ')}, or leave it unset for info`,
  DATABASE_POOL_MAX: 'set it to a whole number of connections between 1 and 100, or leave it unset for 10',
};

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const databaseSchema = z.object({
  DATABASE_URL: optionalText.pipe(
    z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  ),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: 'is not a log level' }).default('info'),
});

const schema = databaseSchema.extend({
  SLACK_BOT_TOKEN: z.string({ error: 'is missing' }).trim().startsWith('xoxb-', 'must start with xoxb-'),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'must start with xapp-').optional()),
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
];

/**
 * No Slack variable set at all: `npm start` opens the playground instead of failing. Any one of
 * them set means a workspace is meant, and a partial configuration is still an error.
 */
export function wantsPlayground(env: NodeJS.ProcessEnv): boolean {
  return SLACK_VARIABLES.every((name) => (env[name]?.trim() ?? '') === '');
}

/** Rules across variables, checked on the raw environment so they are reported with all the others. */
function crossChecks(env: NodeJS.ProcessEnv): string[] {
  const blank = (name: string) => (env[name]?.trim() ?? '') === '';
  if (blank('SLACK_APP_TOKEN') && blank('SLACK_SIGNING_SECRET')) {
    return [
      problem(
        'SLACK_SIGNING_SECRET',
        'is missing (it is needed over HTTP, that is when SLACK_APP_TOKEN is unset)',
      ),
    ];
  }
  return [];
}

export type LogLevel = (typeof LOG_LEVELS)[number];
export type DatabaseConfig = Readonly<{ url: string | undefined; dataDir: string; poolMax: number }>;

export type Config = Readonly<{
  slack: Readonly<{
    botToken: string;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string;
    mode: 'http' | 'socket';
  }>;
  database: DatabaseConfig;
  port: number;
  logLevel: LogLevel;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws ConfigError with one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const e = parse(schema, env, crossChecks(env));
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
    },
    database: { url: e.DATABASE_URL, dataDir: e.DATA_DIR, poolMax: e.DATABASE_POOL_MAX },
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
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

/** What the playground needs: where to keep its data, its port, and the log level. */
export function loadPlaygroundConfig(env: NodeJS.ProcessEnv): {
  dataDir: string;
  port: number;
  logLevel: LogLevel;
  databaseUrl: string | undefined;
} {
  const e = parse(databaseSchema.extend({ PORT: schema.shape.PORT }), env);
  return { dataDir: e.DATA_DIR, port: e.PORT, logLevel: e.LOG_LEVEL, databaseUrl: e.DATABASE_URL };
}

function parse<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv, more: string[] = []): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success && more.length === 0) return parsed.data;
  const problems = (parsed.error?.issues ?? []).map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    return problem(
      name,
      issue.code === 'invalid_type' && env[name] === undefined ? 'is missing' : issue.message,
    );
  });
  throw new ConfigError([...new Set([...problems, ...more])]);
}

function problem(name: string, message: string): string {
  const hint = HINTS[name];
  return `Configuration error: ${name} ${message}${hint ? `: ${hint}.` : '.'}`;
}

/** The values that must never appear in a log line. */
export function secretsOf(config: { slack?: Config['slack']; database: DatabaseConfig }): string[] {
  const dbPassword = config.database.url
    ? decodeURIComponent(new URL(config.database.url).password)
    : undefined;
  const slack = config.slack;
  return [slack?.botToken, slack?.signingSecret, slack?.appToken, dbPassword].filter(
    (secret): secret is string => typeof secret === 'string' && secret.length >= 8,
  );
}
