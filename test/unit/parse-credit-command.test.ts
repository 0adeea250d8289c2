import { describe, expect, test } from '@jest/globals';
import { parseCorrection, parseCreditForm } from '../../src/credits/credit-form.js';
import { normaliseLink } from '../../src/credits/credit-text.js';
import { parseCreditCommand } from '../../src/credits/parse-command.js';
import { splitContributions } from '../../src/credits/split-contributions.js';
import { UserError } from '../../src/errors.js';

const ANA = '<@U0ANA00001|ana>';
const BEN = '<@U0BEN00002|ben>';
const CY = '<@U0CYY00003|cy.lima>';

const give = (text: string) => {
  const parsed = parseCreditCommand(text);
  if (parsed.kind !== 'give') throw new Error(`not a give: ${parsed.kind}`);
  return parsed;
};
const refusal = (text: string) => {
  try {
    parseCreditCommand(text);
  } catch (error) {
    if (error instanceof UserError) return error.userMessage;
    throw error;
  }
  throw new Error('no refusal');
};

describe('parseCreditCommand', () => {
  test('no text opens the form; help, list and a lone person are their own commands', () => {
    expect(parseCreditCommand('')).toEqual({ kind: 'form' });
    expect(parseCreditCommand('  help ')).toEqual({ kind: 'help' });
    expect(parseCreditCommand('list')).toEqual({ kind: 'list', words: [] });
    expect(parseCreditCommand('LIST Q3  launch q3')).toEqual({ kind: 'list', words: ['q3', 'launch'] });
    expect(parseCreditCommand(` ${ANA} `)).toEqual({ kind: 'person', userId: 'U0ANA00001' });
  });

  test('people, the deliverable after "for", and each one’s own clause of the description', () => {
    expect(give(`${ANA} ${BEN} for Q3 launch: Ana ran the research, Ben built the pipeline`)).toEqual({
      kind: 'give',
      deliverable: 'Q3 launch',
      link: null,
      contributors: [
        { userId: 'U0ANA00001', contribution: 'ran the research' },
        { userId: 'U0BEN00002', contribution: 'built the pipeline' },
      ],
    });
  });

  test('clauses by mention, in any order, with "and" between them', () => {
    expect(
      give(
        `${ANA}, ${BEN} and ${CY} for the migration: ${BEN} wrote the plan; Cy: ran it and ${ANA} reviewed it`,
      ).contributors,
    ).toEqual([
      { userId: 'U0ANA00001', contribution: 'reviewed it' },
      { userId: 'U0BEN00002', contribution: 'wrote the plan' },
      { userId: 'U0CYY00003', contribution: 'ran it' },
    ]);
  });

  test('a description that does not name each person once is everyone’s, word for word', () => {
    const shared = 'Ana and Ben ran the launch together';
    expect(give(`${ANA} ${BEN} for launch: ${shared}`).contributors).toEqual([
      { userId: 'U0ANA00001', contribution: shared },
      { userId: 'U0BEN00002', contribution: shared },
    ]);
    expect(give(`${ANA} ${BEN} for launch: the research and the pipeline`).contributors[1]).toEqual({
      userId: 'U0BEN00002',
      contribution: 'the research and the pipeline',
    });
    // Ben named twice at a clause start: not clear enough to split.
    expect(give(`${ANA} ${BEN} for x: Ana did A, Ben did B, Ben did C`).contributors[0]?.contribution).toBe(
      'Ana did A, Ben did B, Ben did C',
    );
  });

  test('no description: the people and the deliverable alone; "for" may be left out', () => {
    expect(give(`${ANA} the Q3 report`)).toMatchObject({
      deliverable: 'the Q3 report',
      contributors: [{ userId: 'U0ANA00001', contribution: null }],
    });
  });

  test('a link in the deliverable is its link; colons in links and times do not split', () => {
    expect(give(`${ANA} for <https://docs.example.com/q3?a=1&amp;b=2|Q3 report> at 10:30: wrote it`)).toEqual(
      {
        kind: 'give',
        deliverable: 'Q3 report at 10:30',
        link: 'https://docs.example.com/q3?a=1&b=2',
        contributors: [{ userId: 'U0ANA00001', contribution: 'wrote it' }],
      },
    );
  });

  test('an emoji in the deliverable is not the colon before the description', () => {
    expect(give(`${ANA} for the launch :tada: party: booked the venue`)).toMatchObject({
      deliverable: 'the launch :tada: party',
      contributors: [{ userId: 'U0ANA00001', contribution: 'booked the venue' }],
    });
    expect(give(`${ANA} for the launch :tada:`).deliverable).toBe('the launch :tada:');
  });

  test('the same person twice is credited once', () => {
    expect(give(`${ANA} ${ANA} for x`).contributors).toEqual([{ userId: 'U0ANA00001', contribution: null }]);
  });

  test('mentions of @channel and groups in the text are kept as plain words, never as pings', () => {
    const parsed = give(`${ANA} for <!channel> launch: told <!here> and <!subteam^S123|@eng>`);
    expect(parsed.deliverable).toBe('@channel launch');
    expect(parsed.contributors[0]?.contribution).toBe('told @here and @eng');
  });

  test.each([
    ['for the launch', /Name the people first/],
    ['<!subteam^S0123|@eng> for the launch', /not to user groups/],
    ['<!channel> for the launch', /not to the whole channel/],
    ['@ana for the launch', /couldn't tell who @ana is/],
    [`${ANA} ${BEN}`, /Say what the credit is for/],
    [`${ANA} for : did things`, /Say what the credit is for/],
    [`${ANA} for ${'x'.repeat(151)}`, /up to 150 characters; yours is 151/],
    [`${ANA} for x: ${'y'.repeat(501)}`, /up to 500 characters; this one is 501/],
  ])('refused: %#, %s', (text, message) => {
    expect(refusal(text)).toMatch(message);
  });

  test('at most ten people', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `<@U0P${String(i).padStart(7, '0')}>`).join(' ');
    expect(refusal(`${eleven} for x`)).toMatch(/up to 10 people; you named 11/);
  });
});

describe('splitContributions', () => {
  const people = [
    { userId: 'U0ANA00001', label: 'ana' },
    { userId: 'U0BEN00002', label: 'ben' },
  ];
  test('by name, case-insensitively, with a possessive or a colon after it', () => {
    expect(splitContributions("ANA's research &amp; Ben: the pipeline", people)).toEqual(
      new Map([
        ['U0ANA00001', 'research'],
        ['U0BEN00002', 'the pipeline'],
      ]),
    );
  });
  test('a name inside a word or mid-clause is not a clause of its own', () => {
    expect(splitContributions('Anabel did it, Ben helped', people)).toBeUndefined();
    expect(splitContributions('Ana worked with Ben on it', people)).toBeUndefined();
  });
  test('a name two people share names neither', () => {
    const twins = [
      { userId: 'U0ANA00001', label: 'ana.lima' },
      { userId: 'U0ANA00002', label: 'ana.silva' },
    ];
    expect(splitContributions('Ana did A, Ana did B', twins)).toBeUndefined();
    expect(splitContributions('ana.lima did A, ana.silva did B', twins)).toEqual(
      new Map([
        ['U0ANA00001', 'did A'],
        ['U0ANA00002', 'did B'],
      ]),
    );
  });
});

describe('the credit form', () => {
  const form = {
    deliverable: '  Q3   launch ',
    link: 'https://example.com/q3',
    people: ['U0ANA00001', 'U0BEN00002', 'U0ANA00001'],
    contributions: { U0ANA00001: 'research', U0BEN00002: '' },
  };
  test('a good form: trimmed text, people once each, an empty part is none', () => {
    expect(parseCreditForm(form)).toEqual({
      ok: true,
      content: {
        deliverable: 'Q3 launch',
        link: 'https://example.com/q3',
        contributors: [
          { userId: 'U0ANA00001', contribution: 'research' },
          { userId: 'U0BEN00002', contribution: null },
        ],
      },
    });
  });
  test('each field says what is wrong with it', () => {
    expect(
      parseCreditForm({
        deliverable: '',
        link: 'javascript:alert(1)',
        people: [],
        contributions: {},
      }),
    ).toEqual({
      ok: false,
      errors: {
        deliverable: 'Say what the credit is for.',
        link: 'Paste a web link that starts with https:// or http://.',
        people: 'Pick who contributed.',
      },
    });
    expect(parseCreditForm({ ...form, contributions: { U0ANA00001: 'z'.repeat(501) } })).toEqual({
      ok: false,
      errors: { contributions: { U0ANA00001: 'Keep it to 500 characters.' } },
    });
  });
  test('a correction must say something, within 500 characters', () => {
    expect(parseCorrection('  led   it ')).toEqual({ ok: true, text: 'led it' });
    expect(parseCorrection(' ')).toEqual({ ok: false, error: 'Say what you did, in your own words.' });
    expect(parseCorrection('x'.repeat(501))).toEqual({ ok: false, error: 'Keep it to 500 characters.' });
  });
});

describe('normaliseLink', () => {
  test.each([
    ['https://example.com/a b', undefined],
    ['ftp://example.com/file', undefined],
    ['javascript:alert(1)', undefined],
    ['example.com', undefined],
    ['http://example.com', 'http://example.com/'],
    ['https://example.com/x|y>z', 'https://example.com/x%7Cy%3Ez'],
    [`https://example.com/${'a'.repeat(1000)}`, undefined],
  ])('%#: %s', (raw, kept) => {
    expect(normaliseLink(raw)).toBe(kept);
  });
});
