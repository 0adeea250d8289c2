import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { nextPendingAttemptAt } from '../db/repos/outbox.js';
import { nextDueAt } from '../db/repos/scheduler.js';
import type { Logger } from '../logger.js';
import { projectPath } from '../project-path.js';
import type { Jobs } from '../scheduler/jobs.js';
import type {
  ActionRequests,
  ActionResult,
  LogEntry,
  PlaygroundState,
  Shortcut,
  SlashCommand,
} from './api-types.js';
import { ACTION_SCHEMAS, problemOf } from './action-schemas.js';
import { ACTIONS } from './playground-actions.js';
import type { PlaygroundClock } from './playground-clock.js';
import { stateFor } from './playground-state.js';
import { emptyPlaygroundDatabase } from './reset-database.js';
import { loadSampleHistory } from './sample-history.js';
import { recordSetsOf } from '../db/repos/shared-channels.js';
import { type SlackRequests, type SlackStandIn, TEAM_ID } from '../slack-emulator/index.js';
import { personById, seedStandIn } from './workspace.js';
import type { PlaygroundInstalls } from './playground-installs.js';
import type { PlaygroundWorld, WorldStart } from './playground-world.js';

const LOG_KEPT = 200;
/** What is due this soon after a move of the clock goes out with it. */
const SOON_MS = 60_000;
const MAX_DELIVERY_PASSES = 50;

export type Playground = {
  state(me: string): Promise<PlaygroundState>;
  act(name: string, body: unknown): Promise<ActionResult>;
};

/** The playground's model: one Slack stand-in, the app behind its Request URL, and the clock. */
export function createPlayground(deps: {
  slack: SlackStandIn;
  requests: SlackRequests;
  /** Which workspaces installed Rapport (by OAuth), and installing it in one. */
  installs: PlaygroundInstalls;
  db: Database;
  clock: PlaygroundClock;
  jobs: Jobs;
  log: Logger;
  /** Waits for the work the app does after acknowledging a request. */
  settle(): Promise<void>;
  /** The activity log the page shows, oldest first (restored by `world`). */
  activity: LogEntry[];
  /** Saves what people see, the clock and the activity log, so a restart keeps them. */
  world: PlaygroundWorld;
  /** How this start found the saved world. */
  started: WorldStart;
}): Playground {
  const { slack, clock } = deps;
  seedStandIn(slack);
  const { commands, shortcuts } = manifestSurfaces();
  const log = deps.activity;
  let refusalsSeen = 0;
  const note = (kind: LogEntry['kind'], text: string) => {
    log.push({ at: clock.now().toISOString(), kind, text });
    log.splice(0, Math.max(0, log.length - LOG_KEPT));
  };
  if (deps.started === 'restored') note('info', 'the playground restarted: everything is as it was');
  if (deps.started === 'emptied')
    note('info', 'what an earlier start saved could not be restored, so the playground began afresh');
  /** Slack's refusals since the last look, as the page should show them. */
  const collectRefusals = () => {
    for (const r of slack.refusals.slice(refusalsSeen))
      note('slack_error', `Slack refused ${r.method}: ${r.error}`);
    refusalsSeen = slack.refusals.length;
  };
  const actionDeps = {
    slack,
    requests: deps.requests,
    installs: deps.installs,
    clock,
    commands,
    note,
    // The workspace's rituals and those of the channels it shares (the alliance's).
    nextRitualAt: async () => nextDueAt(deps.db, await recordSetsOf(deps.db, TEAM_ID)),
    /**
     * The scheduler's tick, then delivery until what comes due within a minute has gone: a post
     * paced a second behind another, or a chart waiting for its digest to be posted, arrives
     * seconds after it (the clock moving on by those seconds), as in Slack, not at the next move.
     */
    async runJobs() {
      await deps.jobs.tick();
      let before: number | undefined;
      for (let pass = 0; pass < MAX_DELIVERY_PASSES; pass += 1) {
        await deps.jobs.deliver();
        const next = (await nextPendingAttemptAt(deps.db))?.getTime();
        // Nothing left soon, or nothing moved: what is left waits on something else.
        if (next === undefined || next > clock.now().getTime() + SOON_MS || next === before) break;
        before = next;
        clock.advanceTo(new Date(next));
      }
    },
    async reset() {
      await emptyPlaygroundDatabase(deps.db);
      deps.world.forgetSaved();
      // The installations went with the database: Slack's tokens for them stop working too, and
      // Northwind installs Rapport again, as at the first start.
      deps.installs.revokeAll();
      slack.resetCalls();
      seedStandIn(slack);
      await deps.installs.install(TEAM_ID);
      log.length = 0;
      refusalsSeen = 0;
      note('info', 'the playground was reset: every channel, message and ritual is gone');
    },
    async loadSample() {
      await actionDeps.reset();
      note('info', 'loading four weeks of sample history in #northwind-globex…');
      const { turns } = await loadSampleHistory({
        act: (name, body) => playground.act(name, body),
        state: (me) => playground.state(me),
        now: () => clock.now(),
        settle: deps.settle,
      });
      note(
        'info',
        `sample history loaded: the clock went through ${turns} rituals; /health post shows the digest`,
      );
    },
  };
  const playground: Playground = {
    async state(me) {
      collectRefusals();
      return stateFor({
        slack,
        me,
        now: clock.now(),
        nextRitualAt: await actionDeps.nextRitualAt(),
        log: [...log],
        commands,
        shortcuts,
        installed: (teamId) => deps.installs.isInstalled(teamId),
      });
    },
    async act(name, body) {
      if (!Object.hasOwn(ACTIONS, name)) return { ok: false, error: `There is no action called ${name}.` };
      const schema = ACTION_SCHEMAS[name as keyof ActionRequests] as z.ZodType;
      const handler = ACTIONS[name as keyof ActionRequests] as (
        d: typeof actionDeps,
        b: unknown,
      ) => Promise<ActionResult>;
      const parsed = schema.safeParse(body);
      if (!parsed.success) return { ok: false, error: problemOf(parsed.error) };
      if (!personById((parsed.data as { as: string }).as))
        return { ok: false, error: 'Choose who you are first.' };
      try {
        return await handler(actionDeps, parsed.data);
      } catch (error) {
        deps.log.error({ err: error, action: name }, 'a playground action failed');
        return { ok: false, error: 'That did not work; the log has the details.' };
      } finally {
        collectRefusals();
      }
    },
  };
  return playground;
}

const manifestSchema = z.object({
  features: z.object({
    slash_commands: z.array(
      z.object({ command: z.string(), description: z.string(), usage_hint: z.string() }),
    ),
    shortcuts: z.array(
      z.object({ name: z.string(), type: z.enum(['message', 'global']), callback_id: z.string() }),
    ),
  }),
});

/** The commands and shortcuts a workspace gets from installing Rapport: its manifest's. */
function manifestSurfaces(): { commands: SlashCommand[]; shortcuts: Shortcut[] } {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(projectPath('manifest.json'), 'utf8')));
  return {
    commands: manifest.features.slash_commands.map((c) => ({
      command: c.command,
      description: c.description,
      usageHint: c.usage_hint,
    })),
    shortcuts: manifest.features.shortcuts.map((s) => ({
      callbackId: s.callback_id,
      name: s.name,
      type: s.type,
    })),
  };
}
