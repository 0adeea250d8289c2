import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { exportRecords } from '../../src/export/records.js';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { storeHealthPeriod } from '../helpers/health-periods.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * `/rapport my-data` and `/rapport forget-me` (issue 20, points 4 and 5), through the HTTP endpoint:
 * the file of everything Rapport holds about one person, and erasing them, by themself, by an admin
 * for a deactivated member, and on Slack's user_change event with FORGET_DEACTIVATED.
 */
const ANA = 'U0ANA00001';
const BEN = 'U0BEN00002';
const CY = 'U0CYY00003';
const BOSS = 'U0BOSS0004';
const GONE = 'U0GONE0005';
const GENERAL = 'C0GENERAL';
/** Shared with the partner organisation: its records are its own set, under its id. */
const SHARED = 'C0ALLIANCE';
const PARTNER = 'T0PARTNER9';

const ANA_ANON_NOTE = 'Anonymous worry about the release train';
const ANA_NAMED_NOTE = 'Named: the demo went well';
const BEN_ANON_NOTE = 'Ben would rather stay unnamed here';
const PULSE_COMMENT = 'A comment nobody can trace';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => people(t));
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  expect(t.logs.lines().filter((l) => Number(l.level) >= 50)).toEqual([]);
  await t.reset();
});

function people(app: TestApp): void {
  app.slack.addUser({ id: ANA, name: 'ana' });
  app.slack.addUser({ id: BEN, name: 'ben' });
  app.slack.addUser({ id: CY, name: 'cy' });
  app.slack.addUser({ id: BOSS, name: 'boss', is_admin: true });
  app.slack.addUser({ id: GONE, name: 'gone', deleted: true });
  app.slack.addChannel({ id: SHARED, name: 'alliance', teams: [TEAM_ID, PARTNER] });
  app.slack.channelMembers.set(SHARED, [ANA, BEN, CY]);
  app.slack.channelMembers.set(GENERAL, [ANA, BEN, CY, BOSS, GONE]);
}

type Block = {
  type: string;
  text?: { text: string };
  elements?: Record<string, unknown>[];
};
type Reply = { response_type?: string; text: string; blocks?: Block[] };

async function command(
  app: TestApp,
  name: string,
  text: string,
  user: string,
  channel = GENERAL,
): Promise<Reply> {
  app.clock.advance(1_000);
  const res = await app.requests.command({ command: name, text, user_id: user, channel_id: channel });
  expect(res.status).toBe(200);
  const body = await res.text();
  await app.app.background.drain();
  return (body ? JSON.parse(body) : {}) as Reply;
}

const rapport = (app: TestApp, text: string, user: string) => command(app, '/rapport', text, user);

async function deliver(app: TestApp): Promise<void> {
  await app.app.background.drain();
  for (let pass = 0; pass < 4; pass += 1) {
    app.clock.advance(1_000);
    await app.app.jobs.deliver();
  }
}

/**
 * Two people's records of every kind, and a third's: kudos (by command, in the workspace and in the
 * shared channel), stand-up check-ins, credits, action items, retro notes (named and anonymous),
 * pulse answers, settings, an audit entry, a stored health period.
 */
async function seed(app: TestApp): Promise<void> {
  await command(app, '/kudos', `<@${BEN}|ben> for the API review`, ANA);
  await command(app, '/kudos', `<@${ANA}|ana> for pairing on the migration`, BEN);
  await command(app, '/kudos', `<@${BEN}|ben> for the docs`, CY);
  await command(app, '/kudos', `<@${BEN}|ben> for the shared roadmap`, ANA, SHARED);
  const db = app.database.db;
  const now = app.clock.now();
  const [ritual] = await db.query(
    `insert into rituals (team_id, channel_id, kind, days, time_of_day, zone, questions, participants, created_by, created_at, updated_at)
     values ($1, $2, 'standup', '{1,2,3,4,5}', '09:00', 'UTC', '{"Yesterday?","Today?"}', $3, $4, $5, $5)
     returning id`,
    [TEAM_ID, GENERAL, [ANA, BEN], BOSS, now],
    z.object({ id: z.coerce.number() }),
  );
  const ritualId = ritual?.id;
  for (const [user, answer] of [
    [ANA, 'Ana shipped the exporter'],
    [BEN, 'Ben fixed the flaky test'],
  ] as const) {
    await db.execute(
      `insert into checkins (team_id, ritual_id, user_id, local_date, status, answers, blocker, submitted_at, updated_at)
       values ($1, $2, $3, '2026-11-02', 'answered', $4, false, $5, $5)`,
      [TEAM_ID, ritualId, user, JSON.stringify([{ question: 'Yesterday?', answer }]), now],
    );
  }
  for (const [giver, contributor, what] of [
    [ANA, BEN, 'The launch plan'],
    [BEN, ANA, 'The pricing page'],
    [CY, BEN, 'The on-call rota'],
  ] as const) {
    const [credit] = await db.query(
      `insert into credits (team_id, channel_id, deliverable, given_by, submission_key, created_at)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [TEAM_ID, GENERAL, what, giver, `seed:${what}`, now],
      z.object({ id: z.coerce.number() }),
    );
    await db.execute(
      `insert into credit_contributors (team_id, credit_id, contributor_id, contribution, status)
       values ($1, $2, $3, 'did it', 'confirmed')`,
      [TEAM_ID, credit?.id, contributor],
    );
  }
  for (const [owner, body] of [
    [ANA, 'Ana: write the runbook'],
    [BEN, 'Ben: book the room'],
  ] as const) {
    await db.execute(
      `insert into action_items (team_id, channel_id, owner_id, body, created_by, create_key, created_at)
       values ($1, $2, $3, $4, $3, $5, $6)`,
      [TEAM_ID, GENERAL, owner, body, `seed:${body}`, now],
    );
  }
  const [retro] = await db.query(
    `insert into retros (team_id, channel_id, title, start_key, started_by, opened_at)
     values ($1, $2, 'Sprint 9', 'seed-retro', $3, $4) returning id`,
    [TEAM_ID, GENERAL, BEN, now],
    z.object({ id: z.coerce.number() }),
  );
  for (const [author, body, shared] of [
    [ANA, ANA_ANON_NOTE, false],
    [ANA, ANA_NAMED_NOTE, true],
    [ANA, `${ANA_ANON_NOTE} (again)`, false],
    [BEN, BEN_ANON_NOTE, false],
  ] as const) {
    await db.execute(
      `insert into retro_notes (team_id, retro_id, category, body, author_id, share_name, submission_key, created_at, updated_at)
       values ($1, $2, 'to_improve', $3, $4, $5, $6, $7, $7)`,
      [TEAM_ID, retro?.id, body, author, shared, `seed:${body}`, now],
    );
  }
  const [pulse] = await db.query(
    `insert into rituals (team_id, channel_id, kind, days, time_of_day, zone, created_by, created_at, updated_at)
     values ($1, $2, 'pulse', '{5}', '15:00', 'UTC', $3, $4, $4) returning id`,
    [TEAM_ID, GENERAL, BOSS, now],
    z.object({ id: z.coerce.number() }),
  );
  await db.execute(
    `insert into pulse_rounds (team_id, ritual_id, round_date, channel_id, statements, closed_at)
     values ($1, $2, '2026-11-06', $3, '{"I feel heard"}', $4)`,
    [TEAM_ID, pulse?.id, GENERAL, now],
  );
  for (const user of [ANA, BEN, CY]) {
    await db.execute(
      `insert into pulse_participation (team_id, ritual_id, round_date, user_id) values ($1, $2, '2026-11-06', $3)`,
      [TEAM_ID, pulse?.id, user],
    );
    await db.execute(
      `insert into pulse_responses (team_id, ritual_id, round_date, scores, comment)
       values ($1, $2, '2026-11-06', '{4}', $3)`,
      [TEAM_ID, pulse?.id, user === ANA ? PULSE_COMMENT : null],
    );
  }
  for (const [user, zone] of [
    [ANA, 'Europe/Lisbon'],
    [BEN, 'Asia/Tokyo'],
  ] as const) {
    await db.execute(
      `insert into person_settings (team_id, user_id, kudos_dms, updated_at, time_zone) values ($1, $2, false, $3, $4)`,
      [TEAM_ID, user, now, zone],
    );
  }
  await db.execute(
    `insert into audit_log (team_id, at, actor_id, action, detail) values ($1, $2, $3, 'kudos.budget', '{"budget": 5}')`,
    [TEAM_ID, now, ANA],
  );
  await storeHealthPeriod(db, {
    teamId: TEAM_ID,
    channelId: GENERAL,
    start: '2026-10-26T00:00:00Z',
    end: '2026-11-02T00:00:00Z',
    metrics: {},
  });
  await deliver(app);
}

/** Every row of every table of the schema, as text: what "no trace" is checked against. */
async function dump(app: TestApp): Promise<string[]> {
  const tables = await app.database.db.query(
    `select tablename from pg_tables where schemaname = current_schema() order by tablename`,
    [],
    z.object({ tablename: z.string() }),
  );
  const rows: string[] = [];
  for (const { tablename } of tables) {
    const found = await app.database.db.query(
      `select t::text as row from "${tablename}" t`,
      [],
      z.object({ row: z.string() }),
    );
    rows.push(...found.map((r) => `${tablename}: ${r.row}`));
  }
  return rows;
}

const anonymousRows = (app: TestApp) =>
  app.database.db.query(
    `select n.id, n.body, n.category, n.created_at, n.author_id from retro_notes n where not share_name order by id`,
    [],
    z.object({
      id: z.coerce.number(),
      body: z.string(),
      category: z.string(),
      created_at: z.date(),
      author_id: z.string(),
    }),
  );
const pulseRows = (app: TestApp) =>
  app.database.db.query(
    `select p::text as row from pulse_responses p order by id`,
    [],
    z.object({ row: z.string() }),
  );
const auditEntries = (app: TestApp) =>
  app.database.db.query(
    `select team_id, actor_id, action, detail from audit_log where action = 'person.erased' order by id`,
    [],
    z.object({
      team_id: z.string(),
      actor_id: z.string(),
      action: z.string(),
      detail: z.record(z.string(), z.unknown()),
    }),
  );

type Line = Record<string, unknown> & { type: string };

/** The JSON Lines file the outbox shared in the person's DM. */
function myDataFile(app: TestApp, user: string): Line[] {
  const files = [...app.slack.files.values()].filter((f) => f.filename.startsWith('rapport-my-data-'));
  expect(files).toHaveLength(1);
  const [file] = files;
  expect(file?.channel).toBe(`D${user}`);
  expect(file?.threadTs).toBeDefined();
  expect(file?.altText).toMatch(/^A JSON Lines file of \d+ records?: everything Rapport holds about you\.$/);
  const text = file?.bytes?.toString('utf8') ?? '';
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
}

const holds = (value: unknown, id: string): boolean =>
  value === id ||
  (Array.isArray(value) && value.some((v) => holds(v, id))) ||
  (value !== null && typeof value === 'object' && Object.values(value).some((v) => holds(v, id)));

describe('/rapport my-data', () => {
  test('answers at once, then DMs a file of everything of theirs and nothing of anyone else', async () => {
    await seed(t);
    const reply = await rapport(t, 'my-data', ANA);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toBe("I'm putting it together, it'll arrive in a DM.");
    await deliver(t);

    const dm = t.slack.conversations
      .get(`D${ANA}`)
      ?.find((m) => String(m.text).includes('everything Rapport holds'));
    expect(String(dm?.text)).toContain('pulse answers and anonymous retro notes are not in it');
    const lines = myDataFile(t, ANA);
    // Line by line: each is Ana's, in the export's types.
    for (const line of lines) expect(holds(line, ANA)).toBe(true);
    const ofType = (type: string) => lines.filter((l) => l.type === type);
    const kudos = ofType('kudos');
    expect(kudos.map((k) => [k.team_id, k.giver_id, k.receiver_id, k.reason]).sort()).toEqual(
      [
        [TEAM_ID, ANA, BEN, 'for the API review'],
        [TEAM_ID, BEN, ANA, 'for pairing on the migration'],
        [SHARED, ANA, BEN, 'for the shared roadmap'],
      ].sort(),
    );
    expect(ofType('checkin')).toEqual([expect.objectContaining({ user_id: ANA })]);
    expect(JSON.stringify(ofType('checkin'))).toContain('Ana shipped the exporter');
    expect(
      ofType('credit')
        .map((c) => c.deliverable)
        .sort(),
    ).toEqual(['The launch plan', 'The pricing page']);
    expect(ofType('action_item')).toEqual([
      expect.objectContaining({ owner_id: ANA, body: 'Ana: write the runbook' }),
    ]);
    expect(ofType('retro_note')).toEqual([expect.objectContaining({ author_id: ANA, body: ANA_NAMED_NOTE })]);
    expect(ofType('ritual')).toEqual([]);
    expect(ofType('person_settings')).toEqual([
      expect.objectContaining({
        team_id: TEAM_ID,
        user_id: ANA,
        time_zone: 'Europe/Lisbon',
        kudos_dms: false,
      }),
    ]);
    // What Slack told Rapport about her, kept in each record set she was seen in.
    expect(ofType('profile').map((p) => [p.team_id, p.user_id, p.display_name])).toEqual([
      [SHARED, ANA, 'ana'],
      [TEAM_ID, ANA, 'ana'],
    ]);
    expect(ofType('pulse_result')).toEqual([]);
    // Nothing of anyone else's, and nothing anonymous, not even Ana's own.
    const text = JSON.stringify(lines);
    for (const never of [
      'Ben fixed the flaky test',
      'Ben: book the room',
      'The on-call rota',
      'for the docs',
      ANA_ANON_NOTE,
      BEN_ANON_NOTE,
      PULSE_COMMENT,
      'Asia/Tokyo',
    ]) {
      expect(text).not.toContain(never);
    }
    // The change she made to how Rapport runs, from the audit log.
    expect(ofType('audit')).toEqual([expect.objectContaining({ actor_id: ANA, action: 'kudos.budget' })]);
    expect(lines).toHaveLength(kudos.length + 1 + 2 + 1 + 1 + 1 + 2 + 1);
  });

  test('one command, one file, however often Slack sends it', async () => {
    await command(t, '/kudos', `<@${ANA}|ana> for the review`, BEN);
    const body = t.requests.commandBody({
      command: '/rapport',
      text: 'my-data',
      user_id: BEN,
      trigger_id: 'trig.1',
    });
    for (let i = 0; i < 2; i += 1) {
      const res = await t.requests.post(body, 'application/x-www-form-urlencoded');
      expect(res.status).toBe(200);
    }
    await deliver(t);
    const lines = myDataFile(t, BEN);
    expect(lines.map((l) => l.type)).toEqual(['kudos']);
    expect(lines.every((l) => holds(l, BEN))).toBe(true);
    const dms = t.slack.conversations.get(`D${BEN}`)?.filter((m) => String(m.text).includes('Rapport holds'));
    expect(dms).toHaveLength(1);
  });

  test('someone Rapport holds nothing about is told so, with no file', async () => {
    expect((await rapport(t, 'my-data', CY)).text).toBe("I'm putting it together, it'll arrive in a DM.");
    await deliver(t);
    const dm = t.slack.conversations.get(`D${CY}`) ?? [];
    expect(dm.map((m) => m.text)).toEqual([expect.stringContaining('Rapport holds no records about you.')]);
    expect(t.slack.files.size).toBe(0);
  });
});

/** The confirmation's button, clicked under the ephemeral reply (so with its response_url). */
async function clickForget(app: TestApp, user: string, value = ''): Promise<string> {
  const before = app.slack.responseUrlPosts.length;
  const res = await app.requests.blockAction({
    user_id: user,
    action_id: 'rapport_forget_me',
    value,
    channel_id: GENERAL,
  });
  expect(res.status).toBe(200);
  await app.app.background.drain();
  const posted = await app.slack.waitFor(() => app.slack.responseUrlPosts[before]);
  return String(posted.body.text);
}

/** Kudos Ben gave `to` before they were deactivated (the command refuses a deactivated member now). */
const kudosFor = (app: TestApp, to: string) =>
  app.database.db.execute(
    `insert into kudos (team_id, giver_id, receiver_id, channel_id, source, command_id, reason, created_at)
     values ($1, $2, $3, $4, 'command', $5, 'for years of help', $6)`,
    [TEAM_ID, BEN, to, GENERAL, `seed-${to}`, app.clock.now()],
  );

describe('/rapport forget-me', () => {
  test('asks first: only the person sees it, with a danger button behind a confirmation dialog', async () => {
    const reply = await rapport(t, 'forget-me', ANA);
    expect(reply.response_type).toBe('ephemeral');
    const button = reply.blocks
      ?.flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'rapport_forget_me');
    expect(button).toMatchObject({
      type: 'button',
      style: 'danger',
      value: '',
      confirm: {
        title: { type: 'plain_text' },
        text: { type: 'plain_text' },
        confirm: { type: 'plain_text', text: 'Erase' },
        deny: { type: 'plain_text', text: 'Keep' },
        style: 'danger',
      },
    });
    expect(await auditEntries(t)).toEqual([]);
  });

  test('the button erases: no trace of the id anywhere, the others keep their side, once only', async () => {
    await seed(t);
    // Someone whose id merely starts with hers is someone else, and stays.
    await t.database.db.execute(
      `insert into kudos (team_id, giver_id, receiver_id, channel_id, source, command_id, reason, created_at)
       values ($1, $2, $3, $4, 'command', 'seed-longer', 'for the longer id', $5)`,
      [TEAM_ID, `${ANA}9`, BEN, GENERAL, t.clock.now()],
    );
    const anonymousBefore = await anonymousRows(t);
    const pulseBefore = await pulseRows(t);
    const periodsBefore = await t.database.db.query(
      'select h::text as row from health_periods h',
      [],
      z.object({ row: z.string() }),
    );
    const kudosBefore = await t.database.db.query(
      'select count(*)::int as n, count(distinct giver_id)::int as givers from kudos',
      [],
      z.object({ n: z.number(), givers: z.number() }),
    );
    expect((await dump(t)).some((r) => r.includes(ANA))).toBe(true);

    expect(await clickForget(t, ANA)).toMatch(
      /^Done: Rapport has forgotten you \(\d+ records erased or anonymised\)\.$/,
    );
    const since = t.logs.lines().length;

    // No trace, in any table.
    const rows = await dump(t);
    expect(rows.filter((r) => r.replaceAll(`${ANA}9`, '').includes(ANA))).toEqual([]);
    // Her check-ins and settings are gone; Ben's stay.
    const checkins = await t.database.db.query(
      'select user_id from checkins',
      [],
      z.object({ user_id: z.string() }),
    );
    expect(checkins).toEqual([{ user_id: BEN }]);
    const settings = await t.database.db.query(
      'select user_id from person_settings',
      [],
      z.object({ user_id: z.string() }),
    );
    expect(settings).toEqual([{ user_id: BEN }]);
    // Kudos keep Ben's side; Ana is one pseudonym, the same in both record sets and the audit log.
    const kudos = await t.database.db.query(
      'select team_id, giver_id, receiver_id from kudos order by id',
      [],
      z.object({ team_id: z.string(), giver_id: z.string(), receiver_id: z.string() }),
    );
    const pseudonym = kudos[0]?.giver_id ?? '';
    expect(pseudonym).toMatch(/^UERASED[0-9A-F]{16}$/);
    expect(kudos).toEqual([
      { team_id: TEAM_ID, giver_id: pseudonym, receiver_id: BEN },
      { team_id: TEAM_ID, giver_id: BEN, receiver_id: pseudonym },
      { team_id: TEAM_ID, giver_id: CY, receiver_id: BEN },
      { team_id: SHARED, giver_id: pseudonym, receiver_id: BEN },
      { team_id: TEAM_ID, giver_id: `${ANA}9`, receiver_id: BEN },
    ]);
    const kudosAfter = await t.database.db.query(
      'select count(*)::int as n, count(distinct giver_id)::int as givers from kudos',
      [],
      z.object({ n: z.number(), givers: z.number() }),
    );
    expect(kudosAfter).toEqual(kudosBefore);
    // Stored health periods: the same counts, the same distinct people.
    const periods = await t.database.db.query(
      'select h::text as row from health_periods h',
      [],
      z.object({ row: z.string() }),
    );
    expect(periods).toEqual(periodsBefore);
    // Anonymous rows: their words untouched, and still unlinkable (not the pseudonym, not each other).
    const anonymous = await anonymousRows(t);
    expect(anonymous.map(({ author_id: _a, ...n }) => n)).toEqual(
      anonymousBefore.map(({ author_id: _a, ...n }) => n),
    );
    const anaNotes = anonymous.filter((n) => n.body.startsWith(ANA_ANON_NOTE));
    expect(anaNotes).toHaveLength(2);
    for (const n of anaNotes) expect([ANA, pseudonym]).not.toContain(n.author_id);
    expect(new Set(anaNotes.map((n) => n.author_id)).size).toBe(2);
    expect(anonymous.find((n) => n.body === BEN_ANON_NOTE)?.author_id).toBe(BEN);
    expect(await pulseRows(t)).toEqual(pulseBefore);
    // One audit entry per record set: who (her pseudonym), which classes changed, how many; no content.
    const audit = await auditEntries(t);
    expect(audit.map((a) => [a.team_id, a.actor_id])).toEqual([
      [TEAM_ID, pseudonym],
      [SHARED, pseudonym],
    ]);
    expect(audit[0]?.detail).toMatchObject({
      checkins_deleted: 1,
      person_settings_deleted: 1,
      kudos: 2,
      anonymous_notes_unlinked: 2,
    });
    for (const a of audit) for (const n of Object.values(a.detail)) expect(typeof n).toBe('number');

    // Pressed again: nothing left, nothing more in the audit log.
    expect(await clickForget(t, ANA)).toBe('Rapport holds nothing more to forget.');
    expect(await auditEntries(t)).toHaveLength(2);

    // Everything still renders, with "a former member": /kudos, /health, the weekly digest, the export.
    const kudosReply = await command(t, '/kudos', 'mine', BEN);
    expect(JSON.stringify(kudosReply)).not.toContain('UERASED');
    expect(JSON.stringify(kudosReply)).toContain('a former member');
    const home = await t.requests.event({
      type: 'app_home_opened',
      user: BEN,
      channel: `D${BEN}`,
      tab: 'home',
    });
    expect(home.status).toBe(200);
    await t.app.background.drain();
    const published = await t.slack.waitFor(() => t.slack.callsTo('views.publish')[0]);
    expect(JSON.stringify(published.args.view)).toContain('a former member');
    expect(JSON.stringify(published.args.view)).not.toContain('UERASED');
    const health = await command(t, '/health', '', BEN);
    expect(health.response_type).toBe('ephemeral');
    expect(JSON.stringify(health)).not.toContain(ANA);
    await command(t, '/health', 'post', BEN);
    await deliver(t);
    const digest = t.slack
      .callsTo('chat.postMessage')
      .find((c) => String(c.args.text).startsWith('Alliance health for'));
    const digestText = JSON.stringify(digest?.args.blocks);
    expect(digestText).toContain('a former member');
    expect(digestText).not.toContain('UERASED');
    const exported: string[] = [];
    for await (const r of exportRecords(t.database.db, { teamId: TEAM_ID, since: undefined }))
      exported.push(JSON.stringify(r));
    expect(exported.length).toBeGreaterThan(0);
    expect(exported.filter((l) => l.replaceAll(`${ANA}9`, '').includes(ANA))).toEqual([]);
    expect(exported.filter((l) => l.includes(pseudonym)).length).toBeGreaterThan(0);
    // And no log line written since the erasure names her.
    expect(
      t.logs
        .lines()
        .slice(since)
        .filter((l) => JSON.stringify(l).includes(ANA)),
    ).toEqual([]);
    expect((await dump(t)).filter((r) => r.replaceAll(`${ANA}9`, '').includes(ANA))).toEqual([]);
  });

  test('an admin may erase a deactivated member, not an active one; nobody else may', async () => {
    await kudosFor(t, GONE);
    const notAdmin = await rapport(t, `forget-me <@${GONE}|gone>`, BEN);
    expect(notAdmin.text).toBe("Only workspace admins and owners can erase another member's data.");
    const active = await rapport(t, `forget-me <@${CY}|cy>`, BOSS);
    expect(active.text).toContain('Admins can erase only a member Slack says is deactivated');
    const junk = await rapport(t, 'forget-me everyone please', BOSS);
    expect(junk.text).toContain('`/rapport forget-me @member`');
    expect(await auditEntries(t)).toEqual([]);

    const asked = await rapport(t, `forget-me <@${GONE}|gone>`, BOSS);
    const button = asked.blocks
      ?.flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'rapport_forget_me');
    expect(button).toMatchObject({ style: 'danger', value: GONE, confirm: { style: 'danger' } });
    // A forged click by someone else is refused at the click too.
    expect(await clickForget(t, BEN, GONE)).toBe(
      "Only workspace admins and owners can erase another member's data.",
    );
    expect(await clickForget(t, BOSS, CY)).toContain(
      'Admins can erase only a member Slack says is deactivated',
    );
    expect(await auditEntries(t)).toEqual([]);

    expect(await clickForget(t, BOSS, GONE)).toMatch(/^Done: that member's records are erased/);
    expect((await dump(t)).filter((r) => r.includes(GONE))).toEqual([]);
    const audit = await auditEntries(t);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBe(BOSS);
    expect(audit[0]?.detail).toMatchObject({ kudos: 1 });
  });
});

describe('user_change with deleted: true', () => {
  const userChange = (app: TestApp, user: Record<string, unknown>) =>
    app.requests.event({ type: 'user_change', user: { team_id: TEAM_ID, ...user }, cache_ts: 1_700_000_000 });

  test('without FORGET_DEACTIVATED, it only records the deactivation', async () => {
    await kudosFor(t, GONE);
    expect((await userChange(t, { id: GONE, name: 'gone', deleted: true })).status).toBe(200);
    const kudos = await t.database.db.query(
      'select receiver_id from kudos',
      [],
      z.object({ receiver_id: z.string() }),
    );
    expect(kudos).toEqual([{ receiver_id: GONE }]);
    expect(await auditEntries(t)).toEqual([]);
  });

  test('with FORGET_DEACTIVATED=true, it erases them, once however often Slack sends it', async () => {
    const app = await startTestApp({ env: { FORGET_DEACTIVATED: 'true' } });
    try {
      people(app);
      await kudosFor(app, GONE);
      await command(app, '/kudos', `<@${CY}|cy> for the handover`, BEN);
      // An active member's change is only remembered.
      expect((await userChange(app, { id: CY, name: 'cy', tz: 'Europe/Paris' })).status).toBe(200);
      for (let i = 0; i < 2; i += 1) {
        expect((await userChange(app, { id: GONE, name: 'gone', deleted: true })).status).toBe(200);
      }
      expect((await dump(app)).filter((r) => r.includes(GONE))).toEqual([]);
      expect((await dump(app)).some((r) => r.includes(CY))).toBe(true);
      const audit = await auditEntries(app);
      expect(audit).toHaveLength(1);
      expect(audit[0]?.actor_id).toBe('rapport');
      expect(app.logs.lines().filter((l) => Number(l.level) >= 50)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
