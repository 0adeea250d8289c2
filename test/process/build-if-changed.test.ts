import { spawnSync } from 'node:child_process';
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@jest/globals';
import { projectPath } from '../../src/project-path.js';
import { withTempDir } from '../helpers/rapport-process.js';

/** `npm start`'s build step, in a project of its own whose build counts how often it ran. */
test('npm start builds when a source changed since the last build, and only then', async () => {
  await withTempDir(async (dir) => {
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({
        name: 'probe',
        scripts: {
          build:
            "node -e \"const f=require('fs');f.mkdirSync('dist',{recursive:true});f.appendFileSync('builds','x')\"",
        },
      }),
    );
    await mkdir(join(dir, 'src'));
    await writeFile(join(dir, 'src', 'a.ts'), 'export const a = 1;\n');
    const start = () => {
      const run = spawnSync(process.execPath, [projectPath('scripts', 'build-if-changed.mjs')], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(run.status).toBe(0);
      return run.stdout.trim();
    };
    const builds = async () => (await readFile(join(dir, 'builds'), 'utf8')).length;

    expect(start()).toMatch(/^build: \d+\.\d s$/);
    expect(start()).toBe('build: skipped, dist/ is current');
    expect(await builds()).toBe(1);
    // A source saved after the build: built again, once.
    const later = new Date(Date.now() + 5_000);
    await utimes(join(dir, 'src', 'a.ts'), later, later);
    expect(start()).toMatch(/^build: \d+\.\d s$/);
    expect(await builds()).toBe(2);
  });
}, 60_000);
