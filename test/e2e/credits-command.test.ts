import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { TEAM_ID } from '../helpers/fake-slack.js';
import {
  addPeople,
  ANA,
  BEN,
  CHANNEL,
  contributors,
  credit,
  credits,
  CY,
  deliver,
  exportedCredits,
  GIVER,
  GONE,
  json,
  mention,
  messagesIn,
  outbox,
  ROBOT,
} from '../helpers/credits.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  addPeople(t);
  t.clock.set('2026-11-20T10:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

const GIVE = `${mention(ANA, 'ana')} ${mention(BEN, 'ben')} for Q3 launch: Ana ran the research, Ben built the pipeline`;

describe('/credit @a @b for <deliverable>: <what each did>', () => {
  test('keeps the credit, answers privately, posts one channel message and DMs each contributor', async () => {
    const reply = await credit(t, GIVE);
    expect(reply?.response_type).toBe('ephemeral');
    expect(reply?.text).toContain(`Credit for *Q3 launch* recorded for <@${ANA}> and <@${BEN}>`);
    expect(reply?.text).toContain('each get a DM to confirm or correct their part');

    expect(await credits(t)).toEqual([
      {
        id: expect.any(Number),
        team_id: TEAM_ID,
        channel_id: CHANNEL,
        deliverable: 'Q3 launch',
        link: null,
        given_by: GIVER,
      },
    ]);
    expect((await contributors(t)).map((c) => [c.contributor_id, c.contribution, c.status])).toEqual([
      [ANA, 'ran the research', 'unconfirmed'],
      [BEN, 'built the pipeline', 'unconfirmed'],
    ]);
    await deliver(t);
    // Everything went through the outbox: each post carries the key it was queued under.
    const sent = t.slack.callsTo('chat.postMessage');
    expect(sent.map((c) => (c.args.metadata as { event_type?: string } | undefined)?.event_type)).toEqual(
      sent.map(() => 'rapport_outbox'),
    );

    const [posted, ...more] = messagesIn(t, CHANNEL);
    expect(more).toEqual([]);
    expect(posted?.text).toBe(`Credit for Q3 launch: <@${ANA}> and <@${BEN}>`);
    const blocks = json(posted?.blocks);
    expect(blocks).toContain(':medal: Credit for *Q3 launch*');
    expect(blocks).toContain(`<@${ANA}> · :hourglass_flowing_sand: unconfirmed\\n>ran the research`);
    expect(blocks).toContain(`<@${BEN}> · :hourglass_flowing_sand: unconfirmed\\n>built the pipeline`);
    expect(blocks).toContain(`Given by <@${GIVER}>`);

    for (const [person, part] of [
      [ANA, 'ran the research'],
      [BEN, 'built the pipeline'],
    ] as const) {
      const [dm, ...others] = messagesIn(t, `D${person}`);
      expect(others).toEqual([]);
      expect(json(dm?.blocks)).toContain(`<@${GIVER}> credited you in <#${CHANNEL}> for *Q3 launch*`);
      expect(json(dm?.blocks)).toContain(`>${part}`);
      expect(json(dm?.blocks)).toMatch(/credit_confirm.*credit_correct.*credit_decline/);
    }
    expect(messagesIn(t, `D${GIVER}`)).toEqual([]);
  });

  test('one description that does not name each person once is credited to each of them whole', async () => {
    await credit(t, `${mention(ANA, 'ana')}, ${mention(BEN, 'ben')} for the offsite: planned it together`);
    expect((await contributors(t)).map((c) => c.contribution)).toEqual([
      'planned it together',
      'planned it together',
    ]);
  });

  test('a link in the deliverable is kept as its link and shown on the message', async () => {
    await credit(t, `${mention(ANA, 'ana')} for <https://docs.example.com/q3|the Q3 report>: wrote it`);
    expect((await credits(t))[0]).toMatchObject({
      deliverable: 'the Q3 report',
      link: 'https://docs.example.com/q3',
    });
    await deliver(t);
    expect(json(messagesIn(t, CHANNEL)[0]?.blocks)).toContain(
      '*the Q3 report* · <https://docs.example.com/q3|open>',
    );
  });

  test('a giver who credits themselves is recorded as confirmed and not asked by DM', async () => {
    const reply = await credit(t, `${mention(GIVER, 'gina')} ${mention(ANA, 'ana')} for the demo`);
    expect(reply?.text).toContain('Your own part is recorded as confirmed.');
    expect(reply?.text).toContain(`<@${ANA}> gets a DM`);
    expect((await contributors(t)).map((c) => [c.contributor_id, c.status])).toEqual([
      [GIVER, 'confirmed'],
      [ANA, 'unconfirmed'],
    ]);
    await deliver(t);
    expect(messagesIn(t, `D${GIVER}`)).toEqual([]);
    expect(messagesIn(t, `D${ANA}`)).toHaveLength(1);
    expect(json(messagesIn(t, CHANNEL)[0]?.blocks)).toContain(`<@${GIVER}> · :white_check_mark: confirmed`);
    expect((await exportedCredits(t)).map((l) => [l.contributor_id, l.status])).toEqual([
      [GIVER, 'confirmed'],
      [ANA, 'unconfirmed'],
    ]);
  });

  test('a replayed command (the same trigger_id) saves nothing new and sends nothing twice', async () => {
    await credit(t, GIVE, { trigger: '1111.2222.replayed' });
    const again = await credit(t, GIVE, { trigger: '1111.2222.replayed' });
    expect(again?.text).toContain('was already recorded; nothing new was saved');
    expect(await credits(t)).toHaveLength(1);
    expect(await contributors(t)).toHaveLength(2);
    expect(await outbox(t)).toHaveLength(3);
    await deliver(t);
    expect(messagesIn(t, CHANNEL)).toHaveLength(1);
    expect(messagesIn(t, `D${ANA}`)).toHaveLength(1);
  });

  test('hostile text is shown as text: @channel and markup never ping, and nothing is broken', async () => {
    await credit(
      t,
      `${mention(ANA, 'ana')} for <!channel> &lt;!here&gt; *launch*: &lt;https://evil.example|click&gt; <!everyone>`,
    );
    await deliver(t);
    const everything = json([messagesIn(t, CHANNEL), messagesIn(t, `D${ANA}`)]);
    expect(everything).not.toMatch(/<!(channel|here|everyone)/);
    expect(everything).not.toContain('<https://evil.example');
    expect(everything).toContain('@channel &lt;!here&gt;');
    expect((await contributors(t))[0]?.contribution).toBe('<https://evil.example|click> @everyone');
  });
});

describe('bad input: a clear private answer, and nothing saved', () => {
  test.each([
    ['no one named', 'for the launch', /Name the people first/],
    ['a user group', '<!subteam^S0ENG|@eng> for the launch', /not to user groups/],
    ['the whole channel', '<!here> for the launch', /not to the whole channel/],
    ['a name typed without autocomplete', '@ana for the launch', /couldn't tell who @ana is/],
    ['no deliverable', `${mention(ANA, 'ana')} ${mention(BEN, 'ben')}`, /Say what the credit is for/],
    [
      'a bot',
      `${mention(ANA, 'ana')} ${mention(ROBOT, 'deploybot')} for x`,
      /is a bot; credit is for people/,
    ],
    ['a deactivated account', `${mention(GONE, 'gone')} for x`, /has been deactivated/],
    ['someone Slack does not know', `${mention('U0NOBODY99', 'nobody')} for x`, /can't find <@U0NOBODY99>/],
    ['a huge deliverable', `${mention(ANA, 'ana')} for ${'launch '.repeat(40)}`, /up to 150 characters/],
    ['a huge description', `${mention(ANA, 'ana')} for x: ${'did it '.repeat(100)}`, /up to 500 characters/],
  ])('%s', async (_, text, message) => {
    const reply = await credit(t, text);
    expect(reply?.response_type).toBe('ephemeral');
    expect(reply?.text).toMatch(message);
    expect(reply?.text).not.toMatch(/at .*\.ts:\d+|Error:/);
    expect(await credits(t)).toEqual([]);
    expect(await contributors(t)).toEqual([]);
    expect(await outbox(t)).toEqual([]);
  });

  test('a database failure is an apology, never a stack trace, and nothing half-saved', async () => {
    // The DM of a second contributor cannot be queued: the whole credit rolls back.
    await t.database.db.execute(
      `create function refuse_dm() returns trigger language plpgsql as $$
       begin
         if new.dedupe_key like 'credit-dm:%' and new.channel_id = '${BEN}' then raise exception 'boom'; end if;
         return new;
       end $$`,
      [],
    );
    await t.database.db.execute(
      'create trigger refuse_dm before insert on outbox for each row execute function refuse_dm()',
      [],
    );
    try {
      const reply = await credit(t, GIVE);
      expect(reply?.text).toBe(
        ':warning: Something went wrong on our side and nothing was saved. Please try again in a moment.',
      );
      expect(await credits(t)).toEqual([]);
      expect(await contributors(t)).toEqual([]);
      expect(await outbox(t)).toEqual([]);
    } finally {
      await t.database.db.execute('drop trigger refuse_dm on outbox', []);
      await t.database.db.execute('drop function refuse_dm()', []);
    }
  });
});

describe('/credit list and /credit @person', () => {
  const giveThree = async () => {
    await credit(t, `${mention(ANA, 'ana')} ${mention(BEN, 'ben')} for Q3 Launch: research`);
    t.clock.advance(60_000);
    await credit(t, `${mention(CY, 'cy')} for the onboarding docs`);
    t.clock.advance(60_000);
    await credit(t, `${mention(ANA, 'ana')} for the launch retro: ran it`);
    await credit(t, `${mention(ANA, 'ana')} for another channel's work`, { channel: 'C0ELSEWHERE' });
  };

  test('list: this channel’s credits, newest first, each with its people', async () => {
    await giveThree();
    const reply = await credit(t, 'list', { user: CY });
    expect(reply?.response_type).toBe('ephemeral');
    const text = json(reply?.blocks);
    expect(text).toContain(`*Credits in <#${CHANNEL}>*, newest first (3 in all)`);
    expect(text.indexOf('launch retro')).toBeLessThan(text.indexOf('onboarding docs'));
    expect(text.indexOf('onboarding docs')).toBeLessThan(text.indexOf('Q3 Launch'));
    expect(text).toContain(`• <@${BEN}> · :hourglass_flowing_sand: unconfirmed — research`);
    expect(text).not.toContain('another channel');
  });

  test('list <words>: only deliverables holding every word, in any case', async () => {
    await giveThree();
    const text = json((await credit(t, 'list LAUNCH'))?.blocks);
    expect(text).toContain('matching “launch”, newest first (2 in all)');
    expect(text).toContain('launch retro');
    expect(text).toContain('Q3 Launch');
    expect(text).not.toContain('onboarding');
    expect((await credit(t, 'list q3 launch'))?.text).toContain('matching “q3 launch”');
    expect((await credit(t, 'list 100%'))?.text).toBe(
      `No credits in <#${CHANNEL}> matching “100%”. \`/credit list\` shows them all.`,
    );
  });

  test('@person: what they were credited for here, and only here', async () => {
    await giveThree();
    const reply = await credit(t, mention(ANA, 'ana'), { user: BEN });
    const text = json(reply?.blocks);
    expect(text).toContain(`*What <@${ANA}> was credited for in <#${CHANNEL}>* (2 in all)`);
    expect(text).toContain('*the launch retro*');
    expect(text).toContain('*Q3 Launch*');
    expect(text).not.toContain('another channel');
    expect(text).toContain('Only credits given in this channel are shown here');
    expect((await credit(t, mention(CY, 'cy'), { channel: 'C0ELSEWHERE' }))?.text).toBe(
      `<@${CY}> has no credits in <#C0ELSEWHERE>.`,
    );
  });

  test('a long list stays within Slack’s limits and says how many more there are', async () => {
    for (let i = 0; i < 20; i += 1) {
      await credit(t, `${mention(ANA, 'ana')} for deliverable ${i}: ${'x'.repeat(400)}`);
    }
    const reply = await credit(t, 'list');
    expect(reply?.blocks.length).toBeLessThanOrEqual(50);
    expect(json(reply?.blocks)).toContain('…and 5 more, older');
    for (const block of reply?.blocks as { text?: { text: string } }[]) {
      expect((block.text?.text ?? '').length).toBeLessThanOrEqual(3000);
    }
  });

  test('help, and an empty channel', async () => {
    expect((await credit(t, 'help'))?.text).toContain('`/credit list [words]`');
    expect((await credit(t, 'list'))?.text).toContain('No credits in this channel yet');
  });
});
