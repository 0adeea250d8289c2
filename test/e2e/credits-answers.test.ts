import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { WebClient } from '@slack/web-api';
import { createCreditsService } from '../../src/credits/credits-service.js';
import { createDirectory } from '../../src/people/directory.js';
import { BOT_TOKEN } from '../helpers/fake-slack.js';
import { silentLogger } from '../helpers/logs.js';
import {
  addPeople,
  ANA,
  BEN,
  CHANNEL,
  clickInDm,
  clickOnHome,
  contributors,
  credit,
  deliver,
  exportedCredits,
  GIVER,
  json,
  mention,
  messagesIn,
  outbox,
  rowOf,
} from '../helpers/credits.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { openedModal } from '../helpers/modals.js';

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

type Modal = {
  callback_id: string;
  private_metadata: string;
  blocks: { block_id?: string; element?: Record<string, unknown> }[];
};

/** Ana and Ben credited for the Q3 launch, its message and DMs sent. */
async function giveAndSend() {
  await credit(
    t,
    `${mention(ANA, 'ana')} ${mention(BEN, 'ben')} for Q3 launch: Ana ran the research, Ben built the pipeline`,
  );
  await deliver(t);
  return { ana: await rowOf(t, ANA), ben: await rowOf(t, BEN) };
}

const channelPosts = () => t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL);
const channelEdits = () => t.slack.callsTo('chat.update').filter((c) => c.args.channel === CHANNEL);
const channelMessage = () => {
  const all = messagesIn(t, CHANNEL);
  expect(all).toHaveLength(1);
  return json(all[0]?.blocks);
};
const dmOf = (user: string) => {
  const all = messagesIn(t, `D${user}`);
  expect(all).toHaveLength(1);
  return json(all[0]?.blocks);
};
const privateReplies = () => t.slack.responseUrlPosts.map((p) => String(p.body.text));

const correct = async (rowId: number, user: string, wording: string | null) => {
  const before = t.slack.callsTo('views.open').length;
  await clickInDm(t, 'credit_correct', rowId, user);
  const modal = (await openedModal(t.slack, before)) as Modal;
  const res = await t.requests.viewSubmission({
    user_id: user,
    callback_id: modal.callback_id,
    private_metadata: modal.private_metadata,
    values: { credit_correction: { value: { type: 'plain_text_input', value: wording } } },
  });
  expect(res.status).toBe(200);
  const body = await res.text();
  return { modal, reply: body === '' ? undefined : (JSON.parse(body) as Record<string, unknown>) };
};

describe('Confirm', () => {
  test('marks it confirmed, and edits the one channel message and the DM in place', async () => {
    const { ana } = await giveAndSend();
    const postedTs = messagesIn(t, CHANNEL)[0]?.ts;
    const res = await clickInDm(t, 'credit_confirm', ana.id, ANA);
    expect(res.status).toBe(200);
    expect((await rowOf(t, ANA)).status).toBe('confirmed');
    await deliver(t);

    expect(channelPosts()).toHaveLength(1);
    expect(channelEdits().map((c) => c.args.ts)).toEqual([postedTs]);
    const message = channelMessage();
    expect(message).toContain(`<@${ANA}> · :white_check_mark: confirmed\\n>ran the research`);
    expect(message).toContain(`<@${BEN}> · :hourglass_flowing_sand: unconfirmed`);

    const dm = dmOf(ANA);
    expect(dm).toContain('You confirmed this credit.');
    expect(dm).not.toContain('credit_confirm');
    // Ben's DM still asks.
    expect(dmOf(BEN)).toContain('credit_confirm');
    expect(privateReplies()).toEqual([]);
  });

  test('a second confirm changes nothing and sends nothing, and says so', async () => {
    const { ana } = await giveAndSend();
    await clickInDm(t, 'credit_confirm', ana.id, ANA);
    await deliver(t);
    const queued = await outbox(t);
    const edits = t.slack.callsTo('chat.update').length;

    await clickInDm(t, 'credit_confirm', ana.id, ANA);
    await deliver(t);
    expect(await outbox(t)).toEqual(queued);
    expect(t.slack.callsTo('chat.update')).toHaveLength(edits);
    expect(privateReplies()).toEqual(['You already confirmed this credit; nothing changed.']);
  });

  test('someone else clicking is refused, privately, and nothing changes', async () => {
    const { ana } = await giveAndSend();
    const queued = await outbox(t);
    for (const action of ['credit_confirm', 'credit_decline', 'credit_correct']) {
      await clickInDm(t, action, ana.id, BEN);
    }
    expect(privateReplies()).toEqual(
      Array(3).fill(
        `This credit was given to <@${ANA}>, so only they can confirm, correct or decline it. Nothing changed.`,
      ),
    );
    expect(t.slack.callsTo('views.open')).toEqual([]);
    expect((await rowOf(t, ANA)).status).toBe('unconfirmed');
    expect(await outbox(t)).toEqual(queued);
  });

  test('a click from another workspace finds nothing, whatever row id it carries', async () => {
    const { ana } = await giveAndSend();
    // Rapport is installed there too: Slack sends that workspace's people's clicks through it.
    t.slack.installedTeams.add('T0OTHERORG');
    await t.requests.blockAction({
      user_id: ANA,
      team_id: 'T0OTHERORG',
      action_id: 'credit_confirm',
      value: String(ana.id),
      channel_id: `D${ANA}`,
    });
    expect(privateReplies()).toEqual(['That credit is no longer there; nothing changed.']);
    expect((await rowOf(t, ANA)).status).toBe('unconfirmed');
  });

  test('an answer given before the message and DM went out shows on them once they do', async () => {
    await credit(t, `${mention(ANA, 'ana')} ${mention(BEN, 'ben')} for Q3 launch`);
    const ana = await rowOf(t, ANA);
    await clickInDm(t, 'credit_confirm', ana.id, ANA);
    await deliver(t);
    expect(channelPosts()).toHaveLength(1);
    expect(channelMessage()).toContain(`<@${ANA}> · :white_check_mark: confirmed`);
    expect(dmOf(ANA)).toContain('You confirmed this credit.');
  });

  test('two people answering at once: the message ends up showing both', async () => {
    const { ana, ben } = await giveAndSend();
    await Promise.all([
      clickInDm(t, 'credit_confirm', ana.id, ANA),
      clickInDm(t, 'credit_confirm', ben.id, BEN),
    ]);
    await deliver(t);
    const message = channelMessage();
    expect(message).toContain(`<@${ANA}> · :white_check_mark: confirmed`);
    expect(message).toContain(`<@${BEN}> · :white_check_mark: confirmed`);
  });
});

describe('Correct', () => {
  test('opens a small form with their part, and saving it rewords and confirms it', async () => {
    const { ana } = await giveAndSend();
    const { modal, reply } = await correct(ana.id, ANA, '  Led the user research and   the survey ');
    expect(reply).toBeUndefined();
    expect(modal.callback_id).toBe('credit_correct_form');
    expect(modal.blocks.find((b) => b.block_id === 'credit_correction')?.element?.initial_value).toBe(
      'ran the research',
    );
    expect(await rowOf(t, ANA)).toMatchObject({
      contribution: 'Led the user research and the survey',
      status: 'confirmed',
      corrected: true,
    });
    await deliver(t);
    expect(channelPosts()).toHaveLength(1);
    expect(channelMessage()).toContain(
      `<@${ANA}> · :white_check_mark: confirmed · in their own words\\n>Led the user research and the survey`,
    );
    expect(dmOf(ANA)).toContain('You put your part in your own words, and confirmed it.');
    expect((await exportedCredits(t))[0]).toMatchObject({
      contributor_id: ANA,
      contribution: 'Led the user research and the survey',
      status: 'confirmed',
    });
  });

  test('an empty or too long wording is marked on the form, and nothing changes', async () => {
    const { ana } = await giveAndSend();
    const empty = await correct(ana.id, ANA, '   ');
    expect(empty.reply).toEqual({
      response_action: 'errors',
      errors: { credit_correction: 'Say what you did, in your own words.' },
    });
    const long = await correct(ana.id, ANA, 'x'.repeat(501));
    expect(long.reply).toEqual({
      response_action: 'errors',
      errors: { credit_correction: 'Keep it to 500 characters.' },
    });
    expect(await rowOf(t, ANA)).toMatchObject({ contribution: 'ran the research', status: 'unconfirmed' });
  });

  test('a correction saved after declining (the form was still open) changes nothing', async () => {
    const { ana } = await giveAndSend();
    await clickInDm(t, 'credit_correct', ana.id, ANA);
    const modal = (await openedModal(t.slack, 0)) as Modal;
    await clickInDm(t, 'credit_decline', ana.id, ANA);
    const res = await t.requests.viewSubmission({
      user_id: ANA,
      callback_id: modal.callback_id,
      private_metadata: modal.private_metadata,
      values: { credit_correction: { value: { type: 'plain_text_input', value: 'on second thought' } } },
    });
    expect(JSON.parse(await res.text())).toEqual({
      response_action: 'errors',
      errors: {
        credit_correction: 'You declined this credit, so it shows nowhere and can no longer be changed.',
      },
    });
    expect(await rowOf(t, ANA)).toMatchObject({ status: 'declined', contribution: 'ran the research' });
  });

  test('a correction form submitted by someone else is refused on the form', async () => {
    const { ana } = await giveAndSend();
    const { modal } = await correct(ana.id, ANA, 'mine');
    const res = await t.requests.viewSubmission({
      user_id: BEN,
      callback_id: modal.callback_id,
      private_metadata: modal.private_metadata,
      values: { credit_correction: { value: { type: 'plain_text_input', value: 'hijacked' } } },
    });
    expect(JSON.parse(await res.text())).toEqual({
      response_action: 'errors',
      errors: {
        credit_correction: `This credit was given to <@${ANA}>, so only they can confirm, correct or decline it. Nothing changed.`,
      },
    });
    expect((await rowOf(t, ANA)).contribution).toBe('mine');
  });
});

describe('Decline', () => {
  test('hides it everywhere: the channel message, the lists and the export', async () => {
    const { ana } = await giveAndSend();
    await clickInDm(t, 'credit_decline', ana.id, ANA);
    expect((await rowOf(t, ANA)).status).toBe('declined');
    await deliver(t);

    const message = channelMessage();
    expect(message).not.toContain(ANA);
    expect(message).not.toContain('ran the research');
    expect(message).toContain(`<@${BEN}> · :hourglass_flowing_sand: unconfirmed`);
    expect(dmOf(ANA)).toContain('You declined this credit. It shows nowhere now.');
    expect(dmOf(ANA)).not.toContain('ran the research');

    expect(json((await credit(t, 'list'))?.blocks)).not.toContain(ANA);
    expect((await credit(t, mention(ANA, 'ana')))?.text).toBe(`<@${ANA}> has no credits in <#${CHANNEL}>.`);
    expect((await exportedCredits(t)).map((l) => l.contributor_id)).toEqual([BEN]);

    // Declined stays declined: a later confirm or correction changes nothing.
    await clickInDm(t, 'credit_confirm', ana.id, ANA);
    await clickInDm(t, 'credit_correct', ana.id, ANA);
    expect(privateReplies()).toEqual([
      'You declined this credit earlier; it shows nowhere.',
      'You declined this credit, so it shows nowhere and can no longer be changed.',
    ]);
    expect(t.slack.callsTo('views.open')).toEqual([]);
  });

  test('when everyone declines, the message says the credit was withdrawn and it lists nowhere', async () => {
    const { ana, ben } = await giveAndSend();
    // Nothing is delivered meanwhile (as when Slack is slow or down), so the answers’ edits queue up.
    t.app.outbox.stop();
    await clickInDm(t, 'credit_confirm', ben.id, BEN);
    await clickInDm(t, 'credit_decline', ana.id, ANA);
    await clickInDm(t, 'credit_decline', ben.id, BEN);
    t.app.outbox.listen();
    await deliver(t);
    expect(channelPosts()).toHaveLength(1);
    const [message] = messagesIn(t, CHANNEL);
    expect(message?.text).toBe('The credit for *Q3 launch* was withdrawn.');
    expect(json(message?.blocks)).not.toMatch(/U0ANA|U0BEN|research|pipeline/);
    expect((await credit(t, 'list'))?.text).toContain('No credits in this channel yet');
    expect(await exportedCredits(t)).toEqual([]);
    // Only the latest state went out: older queued edits were replaced, not sent one by one.
    expect(channelEdits()).toHaveLength(1);
  });
});

describe('from the Home tab (no channel, no message, no response_url)', () => {
  test('Confirm works, and the DM it asked in is edited from its stored ts', async () => {
    const { ana } = await giveAndSend();
    const dmTs = messagesIn(t, `D${ANA}`)[0]?.ts;
    const res = await clickOnHome(t, 'credit_confirm', ana.id, ANA);
    expect(res.status).toBe(200);
    expect((await rowOf(t, ANA)).status).toBe('confirmed');
    await deliver(t);
    const dmEdit = t.slack.callsTo('chat.update').find((c) => c.args.channel === `D${ANA}`);
    expect(dmEdit?.args.ts).toBe(dmTs);
    expect(dmOf(ANA)).toContain('You confirmed this credit.');
    // The spent buttons are gone from the DM.
    expect(JSON.stringify(dmEdit?.args.blocks)).not.toMatch(/credit_(confirm|correct|decline)/);
    expect(channelMessage()).toContain(`<@${ANA}> · :white_check_mark: confirmed`);
  });

  test('Correct opens the form there too; a repeat or someone else is told by DM', async () => {
    const { ana } = await giveAndSend();
    await clickOnHome(t, 'credit_correct', ana.id, ANA);
    const modal = (await openedModal(t.slack, 0)) as Modal;
    expect(modal.callback_id).toBe('credit_correct_form');

    await clickOnHome(t, 'credit_decline', ana.id, BEN);
    await clickOnHome(t, 'credit_confirm', ana.id, ANA);
    await clickOnHome(t, 'credit_confirm', ana.id, ANA);
    await t.app.background.drain();
    // The Home tab has no response_url: the answer to whoever clicked is a DM, said by the outbox.
    const replyKey = (c: { args: Record<string, unknown> }) =>
      (c.args.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key ?? '';
    expect(
      t.slack
        .callsTo('chat.postMessage')
        .filter((c) => replyKey(c).startsWith('reply:'))
        .map((c) => [c.args.channel, c.args.text]),
    ).toEqual([
      [
        BEN,
        `This credit was given to <@${ANA}>, so only they can confirm, correct or decline it. Nothing changed.`,
      ],
      [ANA, 'You already confirmed this credit; nothing changed.'],
    ]);
    expect((await contributors(t)).map((c) => [c.contributor_id, c.status])).toEqual([
      [ANA, 'confirmed'],
      [BEN, 'unconfirmed'],
    ]);
  });
});

describe('the credits of a person, for the Home tab', () => {
  test('waiting ones first, declined ones never, with the row id for the buttons', async () => {
    const { ana } = await giveAndSend();
    t.clock.advance(60_000);
    await credit(t, `${mention(ANA, 'ana')} for the retro: ran it`, { channel: 'C0PRIVATE1' });
    t.clock.advance(60_000);
    await credit(t, `${mention(ANA, 'ana')} for a mistake`);
    const mistake = (await contributors(t)).at(-1);
    await clickInDm(t, 'credit_confirm', ana.id, ANA);
    await clickInDm(t, 'credit_decline', mistake?.id ?? 0, ANA);
    // The service the Home tab calls, built as the app builds it, on the same database and fake Slack.
    const service = createCreditsService({
      db: t.database.db,
      clock: t.clock,
      directory: createDirectory({
        db: t.database.db,
        slack: new WebClient(BOT_TOKEN, { slackApiUrl: t.slack.apiUrl, retryConfig: { retries: 0 } }),
        botTokenFor: async () => BOT_TOKEN,
        clock: t.clock,
        log: silentLogger(),
      }),
    });
    const mine = await service.forPerson('T0RAPPORT1', ANA, 10);
    expect(mine).toEqual({
      total: 2,
      waiting: 1,
      credits: [
        {
          contributorRowId: expect.any(Number),
          creditId: expect.any(Number),
          channelId: 'C0PRIVATE1',
          deliverable: 'the retro',
          link: null,
          givenBy: GIVER,
          contribution: 'ran it',
          status: 'unconfirmed',
          createdAt: expect.any(Date),
        },
        expect.objectContaining({ contributorRowId: ana.id, deliverable: 'Q3 launch', status: 'confirmed' }),
      ],
    });
  });
});
