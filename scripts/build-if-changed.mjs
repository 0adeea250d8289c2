// `npm start`'s build step: builds only when a source or a build setting is newer than the last
// build, so a start with nothing changed skips the TypeScript compiler (several seconds) entirely.
// tsc itself is incremental (tsconfig.build.json and tsconfig.web.json keep their state in dist/).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { performance } from 'node:perf_hooks';

/** Written after each successful build (tsc leaves its own state untouched when nothing changed). */
const STAMP = 'dist/.built';
const SOURCES = [
  'src',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'tsconfig.web.json',
];

/** The newest modification under a path (a file, or a folder's files, recursively). */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const started = performance.now();
const builtAt = statSync(STAMP, { throwIfNoEntry: false })?.mtimeMs ?? 0;
const changedAt = Math.max(...SOURCES.map(newest));
if (builtAt > changedAt) {
  process.stdout.write('build: skipped, dist/ is current\n');
} else {
  const buildStarted = Date.now();
  const result = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // Stamped with the time the build began: a source saved during the build is built next time.
  writeFileSync(STAMP, '');
  const began = new Date(buildStarted);
  utimesSync(STAMP, began, began);
  process.stdout.write(`build: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
