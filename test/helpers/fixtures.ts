import { readFileSync } from 'node:fs';
import { projectPath } from '../../src/project-path.js';

const cache = new Map<string, unknown>();

/** A payload from test/fixtures/slack (Slack's own shapes), parsed fresh for each caller. */
export function loadFixture(path: string): Record<string, unknown> {
  if (!cache.has(path)) {
    cache.set(path, JSON.parse(readFileSync(projectPath('test', 'fixtures', 'slack', path), 'utf8')));
  }
  return structuredClone(cache.get(path)) as Record<string, unknown>;
}
