import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { expect, test } from '@jest/globals';
import { projectPath } from '../../src/project-path.js';
import { importsOf } from '../helpers/source-imports.js';

/**
 * A production start (Slack variables set) loads src/main.ts and what it imports statically; the
 * playground and the Slack emulator are imported with `import()` only when no Slack variable is set,
 * so they must not be reachable that way.
 */

/**
 * The src modules a file loads when it is loaded: its imports and re-exports that survive
 * compilation. `import type` and `export type` are erased; with verbatimModuleSyntax an import whose
 * names are all `type` still loads its module. `import()` loads only when it runs.
 */
function loadedWith(file: string): string[] {
  return importsOf(file, readFileSync(file, 'utf8'))
    .filter((i) => !i.erased && !i.dynamic && i.specifier.startsWith('.'))
    .map((i) => resolve(dirname(file), i.specifier.replace(/\.js$/, '.ts')))
    .filter((f) => existsSync(f));
}

function staticGraphOf(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  for (let file = queue.pop(); file; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...loadedWith(file));
  }
  return seen;
}

const graph = [...staticGraphOf(projectPath('src', 'main.ts'))].map((f) => relative(projectPath(), f));

test('the walk follows main’s imports (it finds the app, the config and the database)', () => {
  expect(graph).toEqual(expect.arrayContaining(['src/app.ts', 'src/config.ts', 'src/db/open-database.ts']));
});

test('a production start loads neither the playground nor the Slack emulator', () => {
  expect(graph.filter((f) => f.startsWith('src/playground/') || f.startsWith('src/slack-emulator/'))).toEqual(
    [],
  );
});

test('main still reaches the playground, by import() when no Slack variable is set', () => {
  const main = readFileSync(projectPath('src', 'main.ts'), 'utf8');
  expect(main).toMatch(/await import\('\.\/playground\/start-playground\.js'\)/);
});
