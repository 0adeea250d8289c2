import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../src/project-path.js';

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

/**
 * The built app (`dist/`, as `npm start` runs it) in its own process, for what only a process shows:
 * start-up errors, signals, exit codes, data that outlives a restart. `npm test` builds first.
 */
export class RapportProcess {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<Exit>;

  private constructor(readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8').on('data', (d: string) => this.stdout.push(d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => this.stderr.push(d));
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  static start(script: string, env: Record<string, string>, args: string[] = []): RapportProcess {
    const child = spawn(process.execPath, [projectPath('dist', 'src', script), ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new RapportProcess(child);
  }

  /** Log lines (pino JSON on stdout) parsed. */
  logLines(): Record<string, unknown>[] {
    return this.stdout
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  waitForLog(msg: string, timeoutMs = 20_000): Promise<Record<string, unknown>> {
    return this.waitForLine((l) => l.msg === msg, msg, timeoutMs);
  }

  async waitForLine(
    matches: (line: Record<string, unknown>) => boolean,
    msg: string,
    timeoutMs = 20_000,
  ): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.logLines().find(matches);
      if (line) return line;
      if (this.child.exitCode !== null) {
        throw new Error(
          `process exited (${this.child.exitCode}) before logging "${msg}": ${this.stderr.join('')}`,
        );
      }
      if (Date.now() > deadline) throw new Error(`no "${msg}" log line in time: ${this.stdout.join('')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Starts the bot and waits until it serves; returns its base URL. */
  async running(): Promise<string> {
    const line = await this.waitForLog('Rapport is running');
    return `http://127.0.0.1:${String(line.port)}`;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<Exit> {
    if (this.child.exitCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/** Runs a command-line tool to completion. */
export async function runTool(script: string, env: Record<string, string>, args: string[] = []) {
  const p = RapportProcess.start(script, env, args);
  const exit = await p.exited;
  return { ...exit, stdout: p.stdout.join(''), stderr: p.stderr.join('') };
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'rapport-test-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
