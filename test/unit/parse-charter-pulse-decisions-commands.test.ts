import { expect, test } from '@jest/globals';
import { parseCharterCommand } from '../../src/charter/parse-command.js';
import { parseDecisionsCommand } from '../../src/decisions/parse-command.js';
import { parsePulseCommand } from '../../src/pulse/parse-command.js';

test('/charter: show, edit, history, help in any case and spacing; anything else is unknown, kept as typed', () => {
  expect(parseCharterCommand('')).toEqual({ kind: 'show' });
  expect(parseCharterCommand('  EDIT ')).toEqual({ kind: 'edit' });
  expect(parseCharterCommand('History')).toEqual({ kind: 'history' });
  expect(parseCharterCommand('help')).toEqual({ kind: 'help' });
  expect(parseCharterCommand(' <!channel> delete everything ')).toEqual({
    kind: 'unknown',
    text: '<!channel> delete everything',
  });
});

test('/decisions: the list, help, and an unknown word kept as typed', () => {
  expect(parseDecisionsCommand('   ')).toEqual({ kind: 'list' });
  expect(parseDecisionsCommand('HELP')).toEqual({ kind: 'help' });
  expect(parseDecisionsCommand('delete #4')).toEqual({ kind: 'unknown', text: 'delete #4' });
});

test('/pulse: help alone is help; anything else shows the latest round', () => {
  expect(parsePulseCommand(' help ')).toEqual({ kind: 'help' });
  expect(parsePulseCommand('')).toEqual({ kind: 'latest' });
  expect(parsePulseCommand('help me')).toEqual({ kind: 'latest' });
});
