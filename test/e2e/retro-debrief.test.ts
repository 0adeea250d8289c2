import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { z } from 'zod';
import { exportRecords } from '../../src/export/records.js';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { openedModal } from '../helpers/modals.js';

const ANA = 'U0ANA00001';
const CHANNEL = 'C0TEAMROOM';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', tz: 'Europe/Berlin' });
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  element?: { initial_value?: string };
};

async function retro(text: string, channel_id = CHANNEL) {
  const res = await t.requests.command({ command: '/retro', text, user_id: ANA, channel_id });
  expect(res.status).toBe(200);
  const body = await res.text();
  await t.app.background.drain();
  return (body === '' ? { text: '' } : JSON.parse(body)) as { text: string; blocks?: Block[] };
}

function submit(metadata: string, fields: { project?: string; lessons?: string; assets?: string }) {
  return t.requests.viewSubmission({
    user_id: ANA,
    callback_id: 'retro_debrief_form',
    private_metadata: metadata,
    values: {
      retro_project: { value: { type: 'plain_text_input', value: fields.project ?? null } },
      retro_lessons: { value: { type: 'plain_text_input', value: fields.lessons ?? null } },
      retro_assets: { value: { type: 'plain_text_input', value: fields.assets ?? null } },
    },
  });
}

const debriefs = () =>
  t.database.db.query(
    'select project, lessons, assets from debriefs',
    [],
    z.object({ project: z.string(), lessons: z.string(), assets: z.string() }),
  );

test('a debrief is posted once, kept as the project’s archive entry, listed by /retro archive and exported', async () => {
  t.clock.set('2026-12-01T10:00:00Z');
  expect((await retro('archive')).text).toBe('No debriefs in this channel yet.');
  expect((await retro('debrief Apollo')).text).toBe('');
  const view = (await openedModal(t.slack, 0)) as {
    private_metadata: string;
    blocks: Block[];
  };
  expect(view.blocks.find((b) => b.block_id === 'retro_project')?.element?.initial_value).toBe('Apollo');

  const lessons = 'Ship smaller <!channel> & review earlier';
  const assets =
    'Launch checklist https://docs.example.com/checklist\n\nRelease script https://git.example.com/release';
  for (let i = 0; i < 2; i++) {
    const res = await submit(view.private_metadata, { project: 'Apollo', lessons, assets });
    expect(await res.text()).toBe('');
    await t.app.background.drain();
  }
  expect(await debriefs()).toEqual([{ project: 'Apollo', lessons, assets }]);
  const posts = t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL);
  expect(posts).toHaveLength(1);
  const posted = JSON.stringify(posts[0]?.args.blocks);
  expect(posts[0]?.args.text).toBe('Project debrief: Apollo');
  expect(posted).toContain('Ship smaller &lt;!channel&gt; &amp; review earlier');
  expect(posted).toContain(
    '• Launch checklist https://docs.example.com/checklist\\n• Release script https://git.example.com/release',
  );

  const archive = await retro('archive');
  expect(archive.blocks?.[1]?.text?.text).toBe(
    '*Apollo* · 2026-12-01 · 2 assets\nShip smaller &lt;!channel&gt; &amp; review earlier\n' +
      '• Launch checklist https://docs.example.com/checklist\n• Release script https://git.example.com/release',
  );
  // Another channel's archive is its own.
  expect((await retro('archive', 'C0OTHERROOM')).text).toBe('No debriefs in this channel yet.');

  const lines = [];
  for await (const r of exportRecords(t.database.db, { teamId: TEAM_ID, since: undefined }))
    if (r.type === 'debrief') lines.push(r);
  expect(lines).toEqual([
    expect.objectContaining({
      project: 'Apollo',
      lessons,
      assets: [
        'Launch checklist https://docs.example.com/checklist',
        'Release script https://git.example.com/release',
      ],
      created_by: ANA,
    }),
  ]);
});

test('a debrief without lessons, with a project too long, or from a stale form is refused on its field', async () => {
  t.clock.set('2026-12-02T10:00:00Z');
  await retro('debrief');
  const view = (await openedModal(t.slack, 0)) as {
    private_metadata: string;
  };
  const errors = async (res: Response) =>
    (JSON.parse(await res.text()) as { errors: Record<string, string> }).errors;
  expect(await errors(await submit(view.private_metadata, { project: 'Apollo', lessons: '  ' }))).toEqual({
    retro_lessons: 'Write the lessons learned.',
  });
  expect(await errors(await submit(view.private_metadata, { lessons: 'x' }))).toEqual({
    retro_project: 'Write the project’s name.',
  });
  expect(
    (await errors(await submit(view.private_metadata, { project: 'p'.repeat(151), lessons: 'x' })))
      .retro_project,
  ).toContain('up to 150');
  expect(
    (await errors(await submit('{"c":"C0TEAMROOM"}', { project: 'A', lessons: 'x' }))).retro_lessons,
  ).toContain('out of date');
  expect(await debriefs()).toEqual([]);
  expect((await retro(`debrief ${'p'.repeat(151)}`)).text).toBe(
    'A project name can be up to 150 characters; please shorten it.',
  );
});
