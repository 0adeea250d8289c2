import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from '@jest/globals';

/**
 * Issue 14's rule: the rituals say what to say, as data; only src/slack speaks to Slack. No file
 * under a ritual folder imports @slack/* or anything under src/slack. (One grep does the same:
 * grep -rnE "from '(@slack/|(\.\./)+slack/)" src/kudos src/standups … src/scheduler)
 */
const RITUAL_FOLDERS = [
  'kudos',
  'standups',
  'retros',
  'pulse',
  'charter',
  'decisions',
  'credits',
  'health',
  'home',
  'rituals',
  'scheduler',
];
const SRC = join(process.cwd(), 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Every module a file names in an import, export … from, or dynamic import(). */
export function importsOf(source: string): string[] {
  const found = source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g);
  return [...found].map((m) => m[1] as string);
}

const speaksToSlack = (file: string, spec: string) =>
  spec.startsWith('@slack/') ||
  (spec.startsWith('.') && relative(SRC, join(file, '..', spec)).split(/[\\/]/)[0] === 'slack');

test('no ritual module imports @slack/* or src/slack', () => {
  const offenders = RITUAL_FOLDERS.flatMap((folder) =>
    filesUnder(join(SRC, folder)).flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((spec) => speaksToSlack(file, spec))
        .map((spec) => `${relative(process.cwd(), file)} imports ${spec}`),
    ),
  );
  expect(offenders).toEqual([]);
});

test('the check sees the imports it is there to catch', () => {
  const file = join(SRC, 'kudos', 'example.ts');
  const specs = importsOf(
    "import type { webApi } from '@slack/bolt';\nimport { x } from '../slack/views/kudos/dm.js';\nconst y = await import('../slack/outbox.js');",
  );
  expect(specs.filter((spec) => speaksToSlack(file, spec))).toHaveLength(3);
  expect(speaksToSlack(file, '../db/repos/outbox.js')).toBe(false);
});
