import { z } from 'zod';
import type { Database } from '../db/database.js';
import {
  anyAppRows,
  createPlaygroundFilesTable,
  createPlaygroundWorldTable,
  loadPlaygroundFiles,
  loadPlaygroundWorld,
  savePlaygroundFile,
  savePlaygroundWorld,
} from '../db/repos/playground-world.js';
import type { Logger } from '../logger.js';
import {
  bytesToKeep,
  restoreVisibleState,
  type SlackStandIn,
  visibleStateOf,
  visibleStateSchema,
} from '../slack-emulator/index.js';
import type { LogEntry } from './api-types.js';
import type { PlaygroundClock } from './playground-clock.js';
import { emptyPlaygroundDatabase } from './reset-database.js';

/** How often the world is saved when something in it changed. */
const SAVE_EVERY_MS = 1_000;

const logEntrySchema = z.object({
  at: z.string(),
  kind: z.enum(['request', 'slack_error', 'clock', 'info']),
  text: z.string(),
});

/** The saved world's shape; a different `version` is not restored (the database is emptied with it). */
const worldSchema = z.object({
  version: z.literal(1),
  /** The playground's time when saved: after a restart it goes on from there, never back. */
  now: z.iso.datetime(),
  slack: visibleStateSchema,
  activity: z.array(logEntrySchema),
});

export type WorldStart = 'restored' | 'fresh' | 'emptied';

/**
 * The playground as one world that survives a restart: what the stand-in's Slack shows, the clock
 * and the activity log are saved beside the app's own rows, in the playground's database, and put
 * back at the next start before the app runs. What cannot be put back (a world saved by another
 * version, or rows with no world saved beside them) is dropped together with the database, never
 * half of it.
 */
export class PlaygroundWorld {
  private lastSaved: string | undefined;
  private lastAheadMs = 0;
  private readonly filesSaved = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: {
      db: Database;
      slack: SlackStandIn;
      clock: PlaygroundClock;
      /** The activity log the page shows, oldest first; restored in place. */
      activity: LogEntry[];
      log: Logger;
    },
  ) {}

  /** Puts the saved world back into a fresh stand-in, or empties the database where it cannot. */
  async restore(): Promise<WorldStart> {
    const { db, slack, clock, activity, log } = this.deps;
    await createPlaygroundWorldTable(db);
    await createPlaygroundFilesTable(db);
    const saved = await loadPlaygroundWorld(db);
    const world = worldSchema.safeParse(saved);
    if (world.success) {
      const files = await loadPlaygroundFiles(db);
      restoreVisibleState(slack, world.data.slack, files);
      for (const id of files.keys()) this.filesSaved.add(id);
      clock.advanceTo(new Date(world.data.now));
      activity.splice(0, activity.length, ...world.data.activity);
      this.lastSaved = JSON.stringify({ slack: world.data.slack, activity });
      this.lastAheadMs = clock.aheadMs;
      return 'restored';
    }
    if (saved === undefined && !(await anyAppRows(db))) return 'fresh';
    log.warn(
      {
        reason:
          saved === undefined ? 'no saved Slack beside the database' : 'a saved world of another version',
      },
      'the playground could not restore its Slack, so it starts afresh with an empty database',
    );
    await emptyPlaygroundDatabase(db);
    return 'emptied';
  }

  /** Saves every second while something changed, until `stop`. */
  start(): void {
    this.timer = setInterval(() => void this.save(), SAVE_EVERY_MS);
    this.timer.unref();
  }

  /**
   * Saves the world now if it changed since the last save (what people see, the activity log, or
   * the clock moved on by the page). Saves run one at a time; a failure is logged and tried again.
   */
  save(): Promise<void> {
    this.saving = this.saving
      .then(() => this.saveOnce())
      .catch((error: unknown) => {
        this.deps.log.warn({ err: error }, 'the playground could not save its world; it will try again');
      });
    return this.saving;
  }

  /** After the database was emptied: nothing is saved any more, so all is saved again. */
  forgetSaved(): void {
    this.lastSaved = undefined;
    this.filesSaved.clear();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.save();
  }

  private async saveOnce(): Promise<void> {
    const { db, slack, clock, activity } = this.deps;
    for (const file of bytesToKeep(slack)) {
      if (this.filesSaved.has(file.id)) continue;
      await savePlaygroundFile(db, file.id, file.bytes);
      this.filesSaved.add(file.id);
    }
    const state = visibleStateOf(slack);
    const content = JSON.stringify({ slack: state, activity });
    if (content === this.lastSaved && clock.aheadMs === this.lastAheadMs) return;
    const now = clock.now();
    const world = { version: 1, now: now.toISOString(), slack: state, activity };
    await savePlaygroundWorld(db, JSON.stringify(world), now);
    this.lastSaved = content;
    this.lastAheadMs = clock.aheadMs;
  }
}
