import { expect, test } from '@jest/globals';
import { partnerNoticeText } from '../../src/slack/views/alliance/partner-notice.js';

const globex = [{ teamId: 'T0GLOBEX01', name: 'Globex' }];

test('with installs by OAuth and a known address, the notice links to the install page', () => {
  const text = partnerNoticeText(globex, { byOAuth: true, url: 'https://rapport.example.com/slack/install' });
  expect(text).toContain('Members of *Globex* can already answer');
  expect(text).toContain(
    'an admin of *Globex* can install Rapport from <https://rapport.example.com/slack/install|this install link>',
  );
});

test('with one token, it says what the partner can do without an install, and no link', () => {
  const text = partnerNoticeText([{ teamId: 'T0GLOBEX01', name: null }], { byOAuth: false, url: undefined });
  expect(text).toContain('Members of their workspace (T0GLOBEX01)');
  expect(text).toContain('this Rapport serves one workspace');
  expect(text).not.toContain('install Rapport');
});

test("a partner's name that looks like mrkdwn is shown as text", () => {
  const text = partnerNoticeText([{ teamId: 'T0X', name: '<!channel> *Evil*' }], {
    byOAuth: true,
    url: undefined,
  });
  expect(text).not.toContain('<!channel>');
});
