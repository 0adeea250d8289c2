import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { z } from 'zod';
import { exportRecords } from '../../src/export/records.js';
import { writeRecords } from '../../src/export/write-records.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { TEAM_ID } from '../helpers/fake-slack.js';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CY = 'U0CY000003';
const CHANNEL = 'C0TEAMROOM';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  for (const [id, name] of [
    [ANA, 'ana'],
    [BEN, 'ben'],
    [CY, 'cy'],
  ] as const) {
    t.slack.addUser({ id, name, tz: 'Europe/Berlin' });
  }
  t.slack.channelMembers.set(CHANNEL, [ANA, BEN, CY]);
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Block = { type: string; text?: { text: string }; elements?: { action_id?: string; value?: string }[] };
type Posted = { ts: string; text: string; blocks: Block[] };
type View = { callback_id: string; private_metadata: string; blocks: Block[] };

/** Types /retro; what it queues is delivered (the outbox keeps a channel's posts a second apart). */
async function retro(text: string, user_id = ANA, channel_id = CHANNEL) {
  t.clock.advance(2_000);
  const res = await t.requests.command({ command: '/retro', text, user_id, channel_id });
  expect(res.status).toBe(200);
  const body = await res.text();
  await t.app.background.drain();
  t.clock.advance(2_000);
  await t.app.jobs.deliver();
  return (body === '' ? { text: '' } : JSON.parse(body)) as { text: string; blocks?: Block[] };
}

const channelMessages = () => (t.slack.conversations.get(CHANNEL) ?? []) as unknown as Posted[];
const topLevel = () => t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL);
/** The last modal opened, as it shows now (filled in after it opened). */
const lastView = () => {
  const call = t.slack.callsTo('views.open').at(-1);
  return (t.slack.openedBy(String(call?.args.trigger_id))?.view ?? call?.args.view) as View;
};

/** Clicks Add a note on the retro message and submits the form that opens. */
async function addNote(user: string, category: string, note: string, share = false) {
  const message = channelMessages()[0];
  const button = message?.blocks
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === 'retro_add_note');
  const opened = t.slack.callsTo('views.open').length;
  await t.requests.blockAction({
    user_id: user,
    action_id: 'retro_add_note',
    value: button?.value ?? '',
    channel_id: CHANNEL,
  });
  await t.slack.waitFor(() => t.slack.callsTo('views.open').length > opened);
  return submitNote(user, lastView().private_metadata, category, note, share);
}

async function submitNote(user: string, metadata: string, category: string, note: string, share = false) {
  const res = await t.requests.viewSubmission({
    user_id: user,
    callback_id: 'retro_note_form',
    private_metadata: metadata,
    values: {
      retro_category: { value: { type: 'static_select', selected_option: { value: category } } },
      retro_note: { value: { type: 'plain_text_input', value: note } },
      retro_share: {
        value: { type: 'checkboxes', selected_options: share ? [{ value: 'share' }] : [] },
      },
    },
  });
  expect(res.status).toBe(200);
  const body = await res.text();
  await t.app.background.drain();
  return body === ''
    ? undefined
    : (JSON.parse(body) as { response_action: string; errors: Record<string, string> });
}

async function exported(): Promise<string> {
  const chunks: string[] = [];
  const out = new (await import('node:stream')).Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  await writeRecords(exportRecords(t.database.db, { teamId: TEAM_ID, since: undefined }), 'jsonl', out);
  const csv: string[] = [];
  const csvOut = new (await import('node:stream')).Writable({
    write(chunk, _enc, done) {
      csv.push(String(chunk));
      done();
    },
  });
  await writeRecords(exportRecords(t.database.db, { teamId: TEAM_ID, since: undefined }), 'csv', csvOut);
  return `${chunks.join('')}\n${csv.join('')}`;
}

test('a retro collects notes anonymously, shows only a count, and its summary never names an anonymous author', async () => {
  t.clock.set('2026-11-20T15:00:00Z');
  expect((await retro('Q3 launch')).text).toContain('Started the retro “Q3 launch”');
  expect(topLevel()).toHaveLength(1);
  expect(channelMessages()[0]?.text).toBe('Retro: Q3 launch · 0 notes so far');

  // Ben's notes stay anonymous; Cy shares their name on one.
  expect(
    await addNote(BEN, 'to_improve', 'Reviews took <!channel> too long & nobody owned them'),
  ).toBeUndefined();
  expect(await addNote(BEN, 'went_well', 'The launch checklist')).toBeUndefined();
  expect(await addNote(CY, 'idea', 'Pair on the release notes', true)).toBeUndefined();
  const notes = await t.database.db.query(
    'select author_id, share_name from retro_notes order by id',
    [],
    z.object({ author_id: z.string(), share_name: z.boolean() }),
  );
  expect(notes).toEqual([
    { author_id: BEN, share_name: false },
    { author_id: BEN, share_name: false },
    { author_id: CY, share_name: true },
  ]);
  // The retro's message shows the count, live, and never a note.
  expect(channelMessages()[0]?.text).toBe('Retro: Q3 launch · 3 notes so far');
  expect(JSON.stringify(channelMessages()[0]?.blocks)).not.toContain('checklist');

  expect((await retro('close', ANA)).text).toContain('Closed the retro “Q3 launch”');
  const summary = channelMessages()[1];
  expect(summary?.text).toBe('Retro summary: Q3 launch · 3 notes: 1 went well · 1 to improve · 1 idea');
  const blocks = JSON.stringify(summary?.blocks);
  expect(blocks).toContain('• The launch checklist');
  // Escaped: it reads as typed and notifies nobody.
  expect(blocks).toContain('• Reviews took &lt;!channel&gt; too long &amp; nobody owned them');
  expect(blocks).toContain(`• Pair on the release notes (<@${CY}>)`);
  // The retro's own message now says it is closed, with no button.
  expect(channelMessages()[0]?.text).toBe('Retro: Q3 launch (closed, 3 notes)');
  expect(JSON.stringify(channelMessages()[0]?.blocks)).not.toContain('retro_add_note');

  // Nothing that left the app (Slack calls, responses, logs, the export) names Ben, the anonymous author.
  for (const call of t.slack.calls) expect(JSON.stringify(call.args)).not.toContain(BEN);
  for (const post of t.slack.responseUrlPosts) expect(JSON.stringify(post.body)).not.toContain(BEN);
  expect(t.logs.raw.join('')).not.toContain(BEN);
  const exportText = await exported();
  expect(exportText).not.toContain(BEN);
  expect(exportText).toContain(`"author_id":"${CY}"`);
  const noteLines = exportText
    .split('\n')
    .filter((l) => l.startsWith('{"type":"retro_note"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(noteLines).toHaveLength(3);
  expect(noteLines.filter((n) => 'author_id' in n)).toEqual([
    expect.objectContaining({ author_id: CY, body: 'Pair on the release notes' }),
  ]);
});

test('closing twice posts the summary once', async () => {
  t.clock.set('2026-11-23T15:00:00Z');
  await retro('');
  await addNote(BEN, 'went_well', 'Calm release');
  const [first, second] = await Promise.all([retro('close', ANA), retro('close', CY)]);
  const replies = [first.text, second.text];
  expect(replies.filter((r) => r.startsWith('Closed the retro'))).toHaveLength(1);
  expect(
    replies.filter((r) => r.startsWith('There is no open retro') || r.includes('is already closed')),
  ).toHaveLength(1);
  expect((await retro('close', BEN)).text).toBe(
    'There is no open retro in this channel. `/retro` starts one.',
  );
  await t.app.jobs.deliver();
  const summaries = topLevel().filter((c) => String(c.args.text).startsWith('Retro summary'));
  expect(summaries).toHaveLength(1);
  const [row] = await t.database.db.query(
    'select closed_by from retros',
    [],
    z.object({ closed_by: z.string() }),
  );
  expect([ANA, CY]).toContain(row?.closed_by);
});

test('people edit and delete their own notes with /retro mine, and nobody else’s', async () => {
  t.clock.set('2026-11-24T15:00:00Z');
  await retro('Sprint 12');
  await addNote(BEN, 'to_improve', 'Standups run long');
  await addNote(CY, 'idea', 'Async demos');

  const mine = await retro('mine', BEN);
  const text = JSON.stringify(mine.blocks);
  expect(text).toContain('Standups run long');
  expect(text).not.toContain('Async demos');
  const buttons = (mine.blocks ?? []).flatMap((b) => b.elements ?? []);
  const edit = buttons.find((b) => b.action_id === 'retro_edit_note')?.value ?? '';
  const del = buttons.find((b) => b.action_id === 'retro_delete_note')?.value ?? '';

  // Cy cannot open or delete Ben's note.
  await t.requests.blockAction({
    user_id: CY,
    action_id: 'retro_delete_note',
    value: del,
    channel_id: CHANNEL,
  });
  await t.app.background.drain();
  expect(JSON.stringify(t.slack.responseUrlPosts.at(-1)?.body)).toContain('That note is no longer there.');

  // Ben edits it: the form opens filled in, and saving changes the note, not adding one.
  await t.requests.blockAction({
    user_id: BEN,
    action_id: 'retro_edit_note',
    value: edit,
    channel_id: CHANNEL,
  });
  await t.slack.waitFor(() => t.slack.callsTo('views.open').length === 3);
  expect(JSON.stringify(lastView().blocks)).toContain('Standups run long');
  expect(
    await submitNote(BEN, lastView().private_metadata, 'to_improve', 'Standups run 30 minutes'),
  ).toBeUndefined();
  const bodies = () =>
    t.database.db.query('select body from retro_notes order by id', [], z.object({ body: z.string() }));
  expect((await bodies()).map((n) => n.body)).toEqual(['Standups run 30 minutes', 'Async demos']);

  await t.requests.blockAction({
    user_id: BEN,
    action_id: 'retro_delete_note',
    value: del,
    channel_id: CHANNEL,
  });
  await t.app.background.drain();
  expect((await bodies()).map((n) => n.body)).toEqual(['Async demos']);
  expect(JSON.stringify(t.slack.responseUrlPosts.at(-1)?.body)).toContain('You have no notes');
  expect(channelMessages()[0]?.text).toBe('Retro: Sprint 12 · 1 note so far');
});

test('a note submitted twice by Slack is stored once; bad or stale forms save nothing and say why', async () => {
  t.clock.set('2026-11-25T15:00:00Z');
  await retro('Sprint 13');
  await addNote(BEN, 'idea', 'One note');
  const metadata = lastView().private_metadata;
  expect(await submitNote(BEN, metadata, 'idea', 'One note')).toBeUndefined();

  expect(await submitNote(BEN, lastView().private_metadata, 'idea', '   ')).toEqual({
    response_action: 'errors',
    errors: { retro_note: 'Write your note.' },
  });
  expect((await submitNote(BEN, metadata, 'idea', 'x'.repeat(3001)))?.errors.retro_note).toContain(
    'up to 3000',
  );
  expect((await submitNote(BEN, metadata, 'nonsense', 'Hi'))?.errors).toEqual({
    retro_category: 'Pick a category.',
  });
  expect((await submitNote(BEN, '{"k":"short"}', 'idea', 'Hi'))?.errors.retro_note).toContain('out of date');
  expect((await submitNote(BEN, 'not json', 'idea', 'Hi'))?.errors.retro_note).toContain('out of date');
  const [count] = await t.database.db.query(
    'select count(*)::int as n from retro_notes',
    [],
    z.object({ n: z.number() }),
  );
  expect(count?.n).toBe(1);

  // After the close the form is stale: it says so and saves nothing.
  await retro('close');
  expect(
    (await submitNote(CY, metadata.replace(/"k":"[^"]+"/, '"k":"another-token-123"'), 'idea', 'Late'))?.errors
      .retro_note,
  ).toBe('The retro “Sprint 13” is closed, so its notes can no longer change.');
});

test('bad /retro input gets a clear private answer and changes nothing', async () => {
  t.clock.set('2026-11-26T15:00:00Z');
  expect((await retro('help')).text).toContain('/retro [title]');
  expect((await retro('close')).text).toBe('There is no open retro in this channel. `/retro` starts one.');
  expect((await retro('mine')).text).toBe('There is no open retro in this channel. `/retro` starts one.');
  expect((await retro('x'.repeat(151))).text).toBe(
    'A retro title can be up to 150 characters; please shorten it.',
  );
  expect(await t.database.db.query('select id from retros', [], z.object({ id: z.number() }))).toEqual([]);

  // A hostile title is shown as text: no crowd is notified, no markup is injected.
  await retro('<!channel> *launch* &lt;b&gt;');
  expect(channelMessages()[0]?.text).toBe('Retro: @channel *launch* <b> · 0 notes so far');
  expect((await retro('Another')).text).toContain('is still open here');
  expect(topLevel()).toHaveLength(1);
  for (const call of t.slack.calls) expect(JSON.stringify(call.args)).not.toContain('<!channel>');
});

test('a summary of hundreds of long notes stays within Slack’s limits and says what did not fit', async () => {
  t.clock.set('2026-11-27T15:00:00Z');
  await retro('Big one');
  const [row] = await t.database.db.query('select id from retros', [], z.object({ id: z.coerce.number() }));
  await t.database.db.execute(
    `insert into retro_notes (team_id, retro_id, category, body, author_id, submission_key, created_at, updated_at)
     select $1, $2, (array['went_well','to_improve','idea'])[1 + i % 3], repeat('long note ', 290) || i, $3, 'k' || i, now(), now()
     from generate_series(1, 300) i`,
    [TEAM_ID, row?.id, BEN],
  );
  await retro('close');
  const summary = t.slack
    .callsTo('chat.postMessage')
    .find((c) => String(c.args.text).startsWith('Retro summary'));
  const blocks = summary?.args.blocks as Block[];
  expect(blocks.length).toBeLessThanOrEqual(50);
  for (const b of blocks) expect((b.text?.text ?? '').length).toBeLessThanOrEqual(3000);
  expect(JSON.stringify(blocks)).toContain('did not fit in this message');
  expect(summary?.args.text).toContain('300 notes');
});

test('a scheduled retro: its message once at its time, its summary once at the close', async () => {
  t.clock.set('2026-12-02T10:00:00Z'); // Wednesday
  const created = await t.requests.command({
    command: '/rituals',
    text: 'retro weekly fri 16:00 Europe/Berlin',
    user_id: ANA,
    channel_id: CHANNEL,
  });
  expect(created.status).toBe(200);
  await t.app.background.drain();

  const at = async (instant: string) => {
    t.clock.set(instant);
    await t.app.jobs.tick();
    await t.app.jobs.deliver();
    await t.app.background.drain();
  };
  await at('2026-12-04T14:59:00Z');
  expect(topLevel()).toHaveLength(0);
  await at('2026-12-04T15:00:05Z'); // 16:00 on Friday in Berlin
  await at('2026-12-04T15:01:05Z');
  expect(topLevel()).toHaveLength(1);
  expect(channelMessages()[0]?.text).toBe('Retro: Friday, 4 December · 0 notes so far');

  await addNote(BEN, 'went_well', 'Friday retros work');
  await at('2026-12-05T14:59:00Z');
  expect(topLevel()).toHaveLength(1);
  await at('2026-12-05T15:00:05Z'); // 24 hours later: the close
  await at('2026-12-05T15:05:05Z');
  const posts = topLevel().map((c) => String(c.args.text));
  expect(posts).toEqual([
    'Retro: Friday, 4 December · 0 notes so far',
    'Retro summary: Friday, 4 December · 1 note: 1 went well · 0 to improve · 0 ideas',
  ]);
  // A /retro close after the ritual's close finds nothing open: still one summary.
  expect((await retro('close')).text).toBe('There is no open retro in this channel. `/retro` starts one.');
  expect(channelMessages()[0]?.text).toBe('Retro: Friday, 4 December (closed, 1 note)');
});
