import { describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { describeValue, parseValue } from '../../src/gives/give-value.js';
import { parseGaveCommand } from '../../src/gives/parse-command.js';

const OMAR = '<@U0OMAR0001|omar>';
const ANA = '<@U0ANA00001|ana>';

describe('/gave', () => {
  test("the issue's first example: a person, an introduction, two weeks saved", () => {
    expect(parseGaveCommand(`${OMAR} an intro to Acme's data team — saved 2 weeks`)).toEqual({
      kind: 'give',
      receiverIds: ['U0OMAR0001'],
      groupIds: [],
      what: "an intro to Acme's data team",
      giveKind: 'introduction',
      value: { text: 'saved 2 weeks', time: { amount: 2, unit: 'weeks' }, money: null, risk: null },
    });
  });

  test('the second as written, to a user group: its id, for the edge to find its people', () => {
    expect(
      parseGaveCommand('<!subteam^S0LEADS|@globex-leads> the load-test scripts · 3 days · $4,000'),
    ).toMatchObject({
      kind: 'give',
      receiverIds: [],
      groupIds: ['S0LEADS'],
      what: 'the load-test scripts',
    });
    expect(parseGaveCommand(`${OMAR} <!subteam^S0LEADS> and ${ANA} the scripts`)).toMatchObject({
      receiverIds: ['U0OMAR0001', 'U0ANA00001'],
      groupIds: ['S0LEADS'],
    });
  });

  test('the second: two people, a resource, days and dollars in their own parts', () => {
    const parsed = parseGaveCommand(`${OMAR} ${ANA} the load-test scripts · 3 days · $4,000`);
    expect(parsed).toMatchObject({
      receiverIds: ['U0OMAR0001', 'U0ANA00001'],
      what: 'the load-test scripts',
      giveKind: 'resource',
      value: {
        text: '3 days · $4,000',
        time: { amount: 3, unit: 'days' },
        money: { amount: 4000, currency: 'USD', direction: 'saved' },
      },
    });
  });

  test('nothing (the form), mine, channel and help', () => {
    expect(parseGaveCommand('')).toEqual({ kind: 'form' });
    expect(parseGaveCommand(' HELP ')).toEqual({ kind: 'help' });
    expect(parseGaveCommand('mine')).toEqual({ kind: 'mine' });
    expect(parseGaveCommand('channel')).toEqual({ kind: 'channel' });
  });

  test('kinds are read from what was given', () => {
    const kind = (what: string) => (parseGaveCommand(`${OMAR} ${what}`) as { giveKind: string }).giveKind;
    expect(kind('staging access for the pilot')).toBe('access');
    expect(kind('our benchmark of three vendors')).toBe('insight');
    expect(kind('helped debug the webhook retries')).toBe('help');
    expect(kind('introduced you to Dana at Initech')).toBe('introduction');
    expect(kind('the onboarding checklist')).toBe('resource');
  });

  test('refusals say what to type and keep nothing', () => {
    const refusal = (text: string) => {
      try {
        parseGaveCommand(text);
      } catch (error) {
        expect(error).toBeInstanceOf(UserError);
        return (error as UserError).userMessage;
      }
      throw new Error(`accepted: ${text}`);
    };
    expect(refusal('the scripts to omar')).toMatch(/^Name who received it first/);
    expect(refusal('@omar the scripts')).toMatch(/I couldn't tell who @omar is/);
    expect(refusal('<!subteam^S0LEADS|@globex-leads>')).toMatch(/^Say what you gave/);
    expect(refusal('<!channel> the scripts')).toMatch(/not the whole channel/);
    expect(refusal(`${OMAR}`)).toMatch(/^Say what you gave/);
    expect(refusal(`${OMAR} ${'x'.repeat(201)}`)).toMatch(/up to 200 characters; yours is 201/);
    expect(refusal(`${OMAR} scripts — ${'y'.repeat(201)}`)).toMatch(/The value can be up to 200/);
    const eleven = Array.from({ length: 11 }, (_, i) => `<@U0PERSON${String(i).padStart(2, '0')}>`).join(' ');
    expect(refusal(`${eleven} scripts`)).toMatch(/up to 10 people; you named 11/);
  });
});

describe('what a give was worth', () => {
  test('time in the unit it was given in, never converted', () => {
    expect(parseValue(['4 hrs']).time).toEqual({ amount: 4, unit: 'hours' });
    expect(parseValue(['saved 1.5 days']).time).toEqual({ amount: 1.5, unit: 'days' });
    expect(parseValue(['2w']).time).toEqual({ amount: 2, unit: 'weeks' });
  });

  test('money with its currency, saved unless it says earned', () => {
    expect(parseValue(['€1.5k']).money).toEqual({ amount: 1500, currency: 'EUR', direction: 'saved' });
    expect(parseValue(['earned 2m GBP']).money).toEqual({
      amount: 2e6,
      currency: 'GBP',
      direction: 'earned',
    });
    expect(parseValue(['CHF 300']).money).toEqual({ amount: 300, currency: 'CHF', direction: 'saved' });
    // Three capitals that are not a currency are not money.
    expect(parseValue(['ASAP 3 things']).money).toBeNull();
    expect(parseValue(['$0']).money).toBeNull();
    expect(parseValue(['$9999999999999']).money).toBeNull();
  });

  test('risk reduced, and free text kept as typed', () => {
    expect(parseValue(['high risk reduced']).risk).toBe('high');
    expect(parseValue(['risk: med']).risk).toBe('medium');
    expect(parseValue(['made the demo land'])).toEqual({
      text: 'made the demo land',
      time: null,
      money: null,
      risk: null,
    });
    expect(parseValue([])).toEqual({ text: null, time: null, money: null, risk: null });
  });

  test('described as people read it', () => {
    expect(describeValue(parseValue(['1 week', '$4,000', 'low risk']))).toBe(
      '1 week saved · $4,000 saved · low risk reduced',
    );
    expect(describeValue(parseValue(['made the demo land']))).toBeNull();
  });
});
