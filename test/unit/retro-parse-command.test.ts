import { describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { parseRetroCommand } from '../../src/retros/parse-command.js';

const refusal = (text: string) => {
  try {
    parseRetroCommand(text);
  } catch (error) {
    if (error instanceof UserError) return error.userMessage;
    throw error;
  }
  throw new Error(`"${text}" was accepted`);
};

describe('/retro text', () => {
  test.each([
    ['', { kind: 'start', title: undefined }],
    ['  Q3   launch ', { kind: 'start', title: 'Q3 launch' }],
    ['<!channel> &amp; friends', { kind: 'start', title: '@channel & friends' }],
    ['help', { kind: 'help' }],
    ['CLOSE', { kind: 'close' }],
    ['mine', { kind: 'mine' }],
    ['actions', { kind: 'actions' }],
    ['archive', { kind: 'archive' }],
    ['debrief', { kind: 'debrief', project: undefined }],
    ['debrief Apollo 2', { kind: 'debrief', project: 'Apollo 2' }],
    // A title that merely starts with a verb is a title.
    ['close the gap', { kind: 'start', title: 'close the gap' }],
    [
      'action <@U0BEN00002|ben> Write the checklist by 2026-12-04',
      { kind: 'action', ownerId: 'U0BEN00002', text: 'Write the checklist', dueOn: '2026-12-04' },
    ],
    [
      'action <@W0BEN00002> ping <!here> about it',
      { kind: 'action', ownerId: 'W0BEN00002', text: 'ping @here about it', dueOn: undefined },
    ],
  ])('%j', (text, expected) => {
    expect(parseRetroCommand(text)).toEqual(expected);
  });

  test.each([
    ['action', 'Name the owner first'],
    ['action @ben do it', 'Name the owner first'],
    ['action <!subteam^S123|devs> do it', 'not a group'],
    ['action <@U0BEN00002|ben>   ', 'Say what the action is'],
    ['action <@U0BEN00002|ben> do it by 2026-02-30', 'real date'],
    ['action <@U0BEN00002|ben> do it by tomorrow', 'real date'],
    [`action <@U0BEN00002|ben> ${'x'.repeat(1001)}`, 'up to 1000 characters'],
    ['t'.repeat(151), 'up to 150 characters'],
  ])('%j is refused', (text, message) => {
    expect(refusal(text)).toContain(message);
  });
});
