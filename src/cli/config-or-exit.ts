import { ConfigError } from '../config.js';

/**
 * A command-line tool's configuration from the environment; when it is wrong, each problem on its
 * own line and exit code 1, with no stack trace.
 */
export function configOrExit<T>(load: (env: NodeJS.ProcessEnv) => T): T {
  try {
    return load(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.problems.join('\n')}\n`);
    process.exit(1);
  }
}
