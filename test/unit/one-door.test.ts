import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from '@jest/globals';
import { filesUnder, importsOf, RITUAL_FOLDERS } from '../helpers/source-imports.js';

/**
 * Issue 14's rule: the rituals say what to say, as data; only src/slack speaks to Slack. No file
 * under a ritual folder imports @slack/* or anything under src/slack. (One grep does the same:
 * grep -rnE "from '(@slack/|(\.\./)+slack/)" src/kudos src/standups … src/scheduler)
 */
const SRC = join(process.cwd(), 'src');

const speaksToSlack = (file: string, spec: string) =>
  spec.startsWith('@slack/') ||
  (spec.startsWith('.') && relative(SRC, join(file, '..', spec)).split(/[\\/]/)[0] === 'slack');

test('no ritual module imports @slack/* or src/slack', () => {
  const offenders = RITUAL_FOLDERS.flatMap((folder) =>
    filesUnder(join(SRC, folder)).flatMap((file) =>
      importsOf(file, readFileSync(file, 'utf8'))
        .map((i) => i.specifier)
        .filter((spec) => speaksToSlack(file, spec))
        .map((spec) => `${relative(process.cwd(), file)} imports ${spec}`),
    ),
  );
  expect(offenders).toEqual([]);
});

test('the check sees the imports it is there to catch', () => {
  const file = join(SRC, 'kudos', 'example.ts');
  const specs = importsOf(
    file,
    "import type { webApi } from '@slack/bolt';\nimport { x } from '../slack/views/kudos/dm.js';\nconst y = await import('../slack/outbox.js');",
  ).map((i) => i.specifier);
  expect(specs.filter((spec) => speaksToSlack(file, spec))).toHaveLength(3);
  expect(speaksToSlack(file, '../db/repos/outbox.js')).toBe(false);
});
