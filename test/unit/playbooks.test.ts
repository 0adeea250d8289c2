import { readFileSync } from 'node:fs';
import { expect, test } from '@jest/globals';
import { projectPath } from '../../src/project-path.js';
import { readPlaybooks } from '../../src/rituals/playbooks.js';

test('playbooks.json reads: the alliance and project playbooks, every ritual a command `/rituals` accepts', () => {
  const books = readPlaybooks(readFileSync(projectPath('playbooks.json'), 'utf8'));
  expect([...books.keys()]).toEqual(['alliance', 'project']);
  expect(books.get('alliance')?.rituals.map((r) => r.kind)).toEqual([
    'standup',
    'retro',
    'pulse',
    'digest',
    'review',
  ]);
  expect(books.get('alliance')?.charterPrompt).toBe(true);
  expect(books.get('alliance')?.debriefTime).toBeNull();
  expect(books.get('project')?.debriefTime).toBe('14:00');
});

test.each([
  [
    '{"x": {"title": "X", "summary": "s", "rituals": ["standup someday 9:00"]}}',
    /playbooks\.json: x: I don't understand the days "someday"/,
  ],
  ['{"x": {"title": "X", "summary": "s", "rituals": ["list"]}}', /"list" does not create a ritual/],
  [
    '{"x": {"title": "X", "summary": "s", "rituals": [], "debriefAtEnd": true, "debriefTime": "2pm"}}',
    /x: "2pm" is not a time/,
  ],
  ['{"Bad Name": {"title": "X", "summary": "s", "rituals": []}}', /playbooks\.json: /],
  ['{"x": {"summary": "s", "rituals": []}}', /playbooks\.json: x\.title/],
])('a broken playbooks.json stops with one clear line: %s', (text, message) => {
  expect(() => readPlaybooks(text)).toThrow(message);
});
