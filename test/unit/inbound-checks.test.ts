import { expect, test } from '@jest/globals';
import { App } from '@slack/bolt';
import { checkInbound } from '../../src/slack/inbound/check-inbound.js';
import { requireSchemas } from '../../src/slack/inbound/require-schemas.js';
import { loadFixture } from '../helpers/fixtures.js';

test("Slack's own reaction payload passes the edge; with its timestamp mangled it is refused, naming the field", () => {
  const realistic = loadFixture('events/reaction_added.realistic.json');
  expect(checkInbound(realistic)).toEqual({ kind: 'pass', surface: 'event', id: 'reaction_added' });
  const event = realistic.event as Record<string, unknown>;
  expect(checkInbound({ ...realistic, event: { ...event, event_ts: 'yesterday' } })).toEqual({
    kind: 'malformed',
    surface: 'event',
    id: 'reaction_added',
    field: 'event.event_ts',
    problem: 'is not a message timestamp',
  });
});

test('what Rapport does not listen for is told apart from what it cannot read: app_rate_limited, a message event, a view_closed', () => {
  expect(checkInbound(loadFixture('events/app_rate_limited.json'))).toMatchObject({ kind: 'unhandled' });
  expect(checkInbound(loadFixture('events/message.json'))).toMatchObject({
    kind: 'unhandled',
    id: 'message',
  });
  expect(checkInbound(loadFixture('interactivity/view_closed.json'))).toMatchObject({ kind: 'unhandled' });
});

test('a listener registered without a payload schema fails when the app is built', () => {
  const app = requireSchemas(
    new App({ token: 'xoxb-unit', signingSecret: 'unit', tokenVerificationEnabled: false }),
  );
  expect(() => app.action('nobody_wrote_a_schema', async () => {})).toThrow(
    'the action listener for nobody_wrote_a_schema has no payload schema in src/slack/inbound/',
  );
  expect(() => app.event('app_mention', async () => {})).toThrow(/event listener for app_mention/);
  expect(() => app.view('standup_checkin', async () => {})).not.toThrow();
  expect(() => app.action(/standup_.*/, async () => {})).toThrow(/has no payload schema/);
});
