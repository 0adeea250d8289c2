import { readdir, readFile } from 'node:fs/promises';

/**
 * CPU time used by the processes a run involves, read from Linux's /proc (utime + stime, in clock
 * ticks of 10 ms), so a report can say where each request's CPU went: the app, the Postgres server
 * (every process named `postgres`: the backends serving the app, and the writers behind them), and
 * the load generator (this process). On the embedded engine the database runs inside Rapport's
 * process, so its share is counted there.
 */
export type CpuUse = { appMs: number; otherAppMs: number; databaseMs: number; loadMs: number };

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ): 100 on every Linux Node runs on. */
const TICK_MS = 10;

export type CpuMeter = { stop(): Promise<CpuUse> };

/**
 * Starts counting CPU time for `app` (the contender measured), `otherApp` (a process that does part
 * of its work, such as Rapport's process hosting the embedded engine a ceiling joins), the Postgres
 * server's processes and this one.
 */
export async function startCpuMeter(app: number, otherApp: number | undefined): Promise<CpuMeter> {
  const before = await sample(app, otherApp);
  return {
    async stop() {
      const after = await sample(app, otherApp);
      return {
        appMs: after.appMs - before.appMs,
        otherAppMs: after.otherAppMs - before.otherAppMs,
        databaseMs: after.databaseMs - before.databaseMs,
        loadMs: after.loadMs - before.loadMs,
      };
    },
  };
}

async function sample(app: number, otherApp: number | undefined): Promise<CpuUse> {
  const usage = process.cpuUsage();
  return {
    appMs: await ticksMs(app),
    otherAppMs: otherApp === undefined ? 0 : await ticksMs(otherApp),
    databaseMs: await postgresMs(),
    loadMs: (usage.user + usage.system) / 1000,
  };
}

/**
 * Fields 14 and 15 of /proc/<pid>/stat, counted after the command's closing parenthesis (the
 * command itself may hold spaces). A process gone (a backend that ended) counts as nothing.
 */
async function ticksMs(pid: number): Promise<number> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command, field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/**
 * The CPU time of the Postgres server's live processes. The app's pooled backends stay connected
 * through a run, so what they did is counted; a backend that exited mid-run takes its share along.
 */
async function postgresMs(): Promise<number> {
  let total = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '');
    if (comm.trim() === 'postgres') total += await ticksMs(Number(entry));
  }
  return total;
}
