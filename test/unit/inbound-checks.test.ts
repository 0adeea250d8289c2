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

test('what Rapport does not listen for is told apart from what it cannot read: app_rate_limited, an app_mention, a view_closed', () => {
  expect(checkInbound(loadFixture('events/app_rate_limited.json'))).toMatchObject({ kind: 'unhandled' });
  expect(checkInbound(loadFixture('events/app_mention.json'))).toMatchObject({
    kind: 'unhandled',
    id: 'app_mention',
  });
  expect(checkInbound(loadFixture('interactivity/view_closed.json'))).toMatchObject({ kind: 'unhandled' });
});

test("a channel message passes with Slack's fields filled in as a delivery fills them; an edit passes for the listener to leave alone", () => {
  // events/message.json is a shape sample: every field Slack was seen to send, its values left empty.
  const sample = loadFixture('events/message.json');
  const event = sample.event as Record<string, unknown>;
  const filled: Record<string, unknown> = {
    ...event,
    channel: 'C0ALLIANCE',
    user: 'U0ANA00001',
    team: 'T0RAPPORT1',
    user_team: 'T0RAPPORT1',
    source_team: 'T0RAPPORT1',
    ts: '1764000000.000100',
    thread_ts: '1764000000.000100',
    event_ts: '1764000000.000100',
    channel_type: 'channel',
    text: 'Can you review this?',
  };
  delete filled.subtype;
  const envelope = {
    ...sample,
    type: 'event_callback',
    team_id: 'T0RAPPORT1',
    enterprise_id: null,
    event_id: 'Ev0MESSAGE1',
    authorizations: [{ team_id: 'T0RAPPORT1', user_id: 'U0BOT00001', is_bot: true, enterprise_id: null }],
    event: filled,
  };
  expect(checkInbound(envelope)).toEqual({ kind: 'pass', surface: 'event', id: 'message' });
  const edited = { ...filled, subtype: 'message_changed', user: undefined, text: undefined };
  expect(checkInbound({ ...envelope, event: JSON.parse(JSON.stringify(edited)) })).toMatchObject({
    kind: 'pass',
  });
  // An empty channel id is no channel: refused, naming the field.
  expect(checkInbound({ ...envelope, event: { ...filled, channel: '' } })).toMatchObject({
    kind: 'malformed',
    field: 'event.channel',
  });
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
