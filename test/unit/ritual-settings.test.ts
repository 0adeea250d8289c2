import { describe, expect, test } from '@jest/globals';
import { parseSettings, type SettingsForm } from '../../src/rituals/settings.js';

const valid: SettingsForm = {
  kind: 'standup',
  days: ['1', '3', '5'],
  time: '09:30',
  zoneMode: 'local',
  zone: null,
  questions: 'What did you do?\nWhat next?\nBlockers?',
  participants: [],
  closeAfterMinutes: '180',
  reminder: '60',
};

describe('parseSettings', () => {
  test('a filled-in form becomes settings', () => {
    expect(parseSettings(valid)).toEqual({
      ok: true,
      settings: {
        kind: 'standup',
        days: [1, 3, 5],
        cadence: 'weekly',
        time: '09:30',
        zone: 'local',
        questions: ['What did you do?', 'What next?', 'Blockers?'],
        participants: null,
        closeAfterMinutes: 180,
        reminderBeforeCloseMinutes: 60,
      },
    });
  });

  test('a pulse check every other week, with its own statements', () => {
    expect(
      parseSettings({
        ...valid,
        kind: 'pulse',
        cadence: 'biweekly',
        questions: 'We share what we know\nWe keep promises',
      }),
    ).toMatchObject({
      ok: true,
      settings: {
        kind: 'pulse',
        cadence: 'biweekly',
        questions: ['We share what we know', 'We keep promises'],
      },
    });
  });

  test('one zone for everyone, spelled as Slack spells it; named people, once each; no reminder', () => {
    const parsed = parseSettings({
      ...valid,
      days: ['5', '1', '1'],
      zoneMode: 'fixed',
      zone: ' europe/berlin ',
      questions: '\n  First?  \n\n Second? \n',
      participants: ['U0ANA00001', 'U0BEN00002', 'U0ANA00001'],
      reminder: 'none',
    });
    expect(parsed).toMatchObject({
      ok: true,
      settings: {
        days: [1, 5],
        zone: 'Europe/Berlin',
        questions: ['First?', 'Second?'],
        participants: ['U0ANA00001', 'U0BEN00002'],
        reminderBeforeCloseMinutes: null,
      },
    });
  });

  test.each<[string, SettingsForm, Record<string, RegExp>]>([
    ['no days', { ...valid, days: [] }, { days: /at least one day/ }],
    ['a day that is not one', { ...valid, days: ['8'] }, { days: /Pick days/ }],
    ['no time', { ...valid, time: null }, { time: /Pick a time/ }],
    ['a time that is not one', { ...valid, time: '25:00' }, { time: /Pick a time/ }],
    ['a kind the form does not set', { ...valid, kind: 'retro' }, { kind: /kind of ritual/ }],
    ['one zone, not named', { ...valid, zoneMode: 'fixed', zone: '' }, { zone: /Name the time zone/ }],
    [
      'one zone, unknown',
      { ...valid, zoneMode: 'fixed', zone: 'Mars/Base' },
      { zone: /"Mars\/Base" is not/ },
    ],
    ['no questions', { ...valid, questions: ' \n \n' }, { questions: /at least one question/ }],
    [
      'eleven questions',
      { ...valid, questions: Array.from({ length: 11 }, (_, i) => `Q${i}?`).join('\n') },
      { questions: /at most 10 questions/ },
    ],
    [
      'a question too long',
      { ...valid, questions: 'x'.repeat(2001) },
      { questions: /up to 2000 characters/ },
    ],
    [
      'no statements for a pulse check',
      { ...valid, kind: 'pulse', questions: '' },
      { questions: /at least one statement/ },
    ],
    ['a cadence that is not one', { ...valid, cadence: 'daily' }, { cadence: /how often it repeats/ }],
    ['not a person', { ...valid, participants: ['<!channel>'] }, { participants: /Pick people/ }],
    ['a close too soon', { ...valid, closeAfterMinutes: '10', reminder: 'none' }, { close: /at least 15/ }],
    ['a close too late', { ...valid, closeAfterMinutes: '3000' }, { close: /at most 48 hours/ }],
    ['no close', { ...valid, closeAfterMinutes: null }, { close: /Pick when it closes/ }],
    [
      'a reminder before the prompt',
      { ...valid, closeAfterMinutes: '60', reminder: '60' },
      { reminder: /must come after the prompt/ },
    ],
    ['a reminder that is not one', { ...valid, reminder: 'soon' }, { reminder: /Pick a reminder/ }],
  ])('%s: an error on that field', (_, form, expected) => {
    const parsed = parseSettings(form);
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? {} : parsed.errors;
    expect(Object.keys(errors)).toEqual(Object.keys(expected));
    for (const [field, message] of Object.entries(expected)) {
      expect(errors[field as keyof typeof errors]).toMatch(message);
    }
  });

  test('several wrong fields are all reported at once', () => {
    const parsed = parseSettings({ ...valid, days: [], time: 'noon', questions: '' });
    expect(parsed.ok ? [] : Object.keys(parsed.errors).sort()).toEqual(['days', 'questions', 'time']);
  });
});
