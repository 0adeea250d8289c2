import { describe, expect, test } from '@jest/globals';
import { namesCover } from '../../src/health/side-names.js';

const inputs = (sides: string[], flows: [string, string][] = []) => ({
  sides,
  kudosFlows: flows.map(([from, to]) => ({ from, to, count: 1 })),
  creditFlows: [],
});

describe('whether the side names read for a week still cover the week that was published', () => {
  test('every declared side and every side a flow names has a name', () => {
    const names = { Acme: 'Acme', T0GLOBEX01: 'Globex' };
    expect(namesCover(names, inputs(['Acme'], [['Acme', 'T0GLOBEX01']]))).toBe(true);
    expect(namesCover(names, inputs([]))).toBe(true);
  });

  test('a side only the other digest counted (a flow to a third workspace) needs its name read again', () => {
    const names = { Acme: 'Acme', T0GLOBEX01: 'Globex' };
    expect(namesCover(names, inputs(['Acme'], [['T0INITECH1', 'Acme']]))).toBe(false);
    expect(namesCover(names, inputs(['Acme', 'Initech']))).toBe(false);
  });
});
