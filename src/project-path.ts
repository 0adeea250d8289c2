import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's top folder, found from this file, so paths work the same from src/ (tests) and
 * from dist/src/ (the built app), whatever the working directory.
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the project folder (no package.json above this file)');
    dir = parent;
  }
  return dir;
}

const root = findRoot();

export const projectPath = (...parts: string[]) => join(root, ...parts);
