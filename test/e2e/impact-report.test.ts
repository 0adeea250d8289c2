import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { exportRecords, type ExportRecord } from '../../src/export/records.js';
import { makeReport } from '../../src/report/make-report.js';
import { parseReportPeriod } from '../../src/report/report-period.js';
import { TEAM_ID } from '../helpers/fake-slack.js';
import { openedModal } from '../helpers/modals.js';
import { reactionEvent } from '../helpers/slack-request.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * The impact report: `/health report` through the HTTP endpoint (its post, and the PDF in the
 * thread), and its numbers checked against the export of the same data. Ana and Cy are this
 * workspace; Ben is the partner's, in a Slack Connect channel.
 */
const ANA = 'U0ANA00001';
const BEN = 'W0BEN00002';
const CY = 'U0CY000003';
const CHANNEL = 'C0ALLIANCE';
const PARTNER = 'T0PARTNER9';
const SECRET = 'anonymous-zebra-note';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(() => {
  t.slack.addUser({ id: ANA, name: 'ana', real_name: 'Ana Lima', tz: 'Europe/Berlin' });
  t.slack.addUser({
    id: BEN,
    name: 'ben',
    real_name: 'Ben Okafor',
    tz: 'America/New_York',
    team_id: PARTNER,
  });
  t.slack.addUser({ id: CY, name: 'cy', real_name: 'Cy Park', tz: 'Europe/Berlin' });
  t.slack.addChannel({ id: CHANNEL, name: 'alliance', teams: [TEAM_ID, PARTNER] });
  t.slack.channelMembers.set(CHANNEL, [ANA, BEN, CY]);
  t.clock.set('2026-11-20T10:00:00Z');
});
afterEach(async () => {
  expect(t.slack.unhandled).toEqual([]);
  await t.reset();
});

async function command(name: string, text: string, user_id = ANA): Promise<{ text: string }> {
  t.clock.advance(1_000);
  const res = await t.requests.command({ command: name, text, user_id, channel_id: CHANNEL });
  expect(res.status).toBe(200);
  const body = await res.text();
  await t.app.background.drain();
  return (body ? JSON.parse(body) : { text: '' }) as { text: string };
}

async function deliver() {
  await t.app.background.drain();
  for (let pass = 0; pass < 4; pass += 1) {
    t.clock.advance(1_100);
    await t.app.jobs.deliver();
  }
}

/** A button in a person's DM, as Slack sends its click. */
async function clickIn(user: string, actionId: string) {
  const dm = t.slack.conversations.get(`D${user}`) ?? [];
  const value = dm
    .flatMap((m) => (m.blocks as { elements?: { action_id?: string; value?: string }[] }[] | undefined) ?? [])
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === actionId)?.value;
  expect(value).toBeDefined();
  const res = await t.requests.blockAction({
    user_id: user,
    action_id: actionId,
    value: value ?? '',
    channel_id: `D${user}`,
  });
  expect(res.status).toBe(200);
  await deliver();
}

/** A quarter's worth of collaboration: kudos both ways, a confirmed credit, a confirmed give, a decision, a debrief. */
async function aQuarter() {
  await command('/kudos', `<@${BEN}|ben> for the API review`);
  await command('/kudos', `<@${CY}|cy> for the test plan`);
  const posted = t.slack.postAsUser(CHANNEL, ANA, 'The plan is ready');
  await t.requests.event(
    reactionEvent({ user: BEN, item_user: ANA, channel: CHANNEL, ts: posted.ts, reaction: 'clap' }),
  );
  await command('/credit', `<@${BEN}|ben> <@${CY}|cy> for the partner API v1: built it`);
  await deliver();
  await clickIn(BEN, 'credit_confirm');
  await command('/gave', `<@${BEN}|ben> the load-test scripts · 3 days`);
  await deliver();
  await clickIn(BEN, 'give_confirm');
  // A decision, logged from a message with the shortcut.
  let n = t.slack.callsTo('views.open').length;
  await t.requests.messageShortcut({
    user_id: ANA,
    callback_id: 'log_decision',
    channel_id: CHANNEL,
    message: { ts: posted.ts, text: 'The plan is ready' },
  });
  const decisionForm = await openedModal<{ private_metadata: string }>(t.slack, n);
  await t.requests.viewSubmission({
    user_id: ANA,
    callback_id: 'decision_form',
    private_metadata: decisionForm.private_metadata,
    values: {
      decision_decision: { value: { type: 'plain_text_input', value: 'Ship v1 behind a flag' } },
      decision_owner: { value: { type: 'users_select', selected_user: CY } },
    },
  });
  // A debrief, with its lessons.
  n = t.slack.callsTo('views.open').length;
  await command('/retro', 'debrief Pilot');
  const debrief = await openedModal<{ private_metadata: string }>(t.slack, n);
  await t.requests.viewSubmission({
    user_id: ANA,
    callback_id: 'retro_debrief_form',
    private_metadata: debrief.private_metadata,
    values: {
      retro_project: { value: { type: 'plain_text_input', value: 'Pilot' } },
      retro_lessons: { value: { type: 'plain_text_input', value: 'Test with real partner data early' } },
      retro_assets: { value: { type: 'plain_text_input', value: null } },
    },
  });
  // An anonymous retro note: never in the report, not even its words.
  await command('/retro', 'start Sprint 4');
  await command('/retro', `note to improve: ${SECRET}`, CY);
  await deliver();
}

async function exported(): Promise<ExportRecord[]> {
  const lines: ExportRecord[] = [];
  for await (const r of exportRecords(t.database.db, { teamId: TEAM_ID, since: undefined })) lines.push(r);
  return lines;
}

describe('the impact report', () => {
  test('its numbers are the export’s, every credited person named, nothing anonymous in it', async () => {
    await aQuarter();
    const now = new Date('2026-12-05T10:00:00Z');
    const period = parseReportPeriod('2026-Q4', now);
    const report = await makeReport(t.database.db, {
      teamId: CHANNEL,
      channelId: CHANNEL,
      channelName: 'alliance',
      period,
      now,
      format: 'md',
    });
    const text = report.bytes.toString();
    const lines = await exported();
    const of = (type: string) => lines.filter((l) => l.type === type && l.channel_id === CHANNEL);

    // Delivered work: the credits someone confirmed, with everyone who confirmed named.
    const confirmed = of('credit').filter((l) => l.status === 'confirmed');
    expect(new Set(confirmed.map((l) => l.credit_id)).size).toBe(1);
    expect(text).toContain('1 deliverable credited and confirmed by the people named.');
    // People by the names Slack gives them.
    expect(text).toContain('- the partner API v1: ben (built it)');
    // Value given: the export's one confirmed give, in its units.
    const gives = of('give').filter((l) => l.status === 'confirmed');
    expect(gives).toHaveLength(1);
    expect(text).toContain(
      'Partner workspace (T0RAPPORT1) → Partner workspace (T0PARTNER9): 1 give, 1 confirmed; confirmed value: 3 days saved',
    );
    // Kudos: as many as the export has, none ranked.
    expect(text).toContain(
      `${of('kudos').length} kudos; 3 of 3 active members received at least one. No one is ranked.`,
    );
    expect(of('kudos')).toHaveLength(3);
    // Decisions and lessons.
    expect(of('decision')).toHaveLength(1);
    expect(text).toContain('1 decision logged.');
    expect(text).toContain('Ship v1 behind a flag (owner: cy)');
    expect(text).toContain('- Worked: Pilot: Test with real partner data early');
    // Anonymous notes never appear, and neither does who wrote them.
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('zebra');
    // The same report as HTML: the same words, escaped.
    const html = (
      await makeReport(t.database.db, {
        teamId: CHANNEL,
        channelId: CHANNEL,
        channelName: 'alliance',
        period,
        now,
        format: 'html',
      })
    ).bytes.toString();
    expect(html).toContain('<li>the partner API v1: ben (built it)</li>');
    expect(html).not.toContain(SECRET);
  });

  test('`/health report` posts the report in the channel, its PDF in the thread, once a minute', async () => {
    await command('/kudos', `<@${BEN}|ben> for the API review`);
    t.clock.set('2026-12-05T10:00:00Z');
    const reply = await command('/health', 'report');
    expect(reply.text).toContain('Making the impact report of <#C0ALLIANCE> for 2026-Q4 (to date)');
    await command('/health', 'report');
    await deliver();
    const posts = t.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === CHANNEL && String(c.args.text).startsWith('Impact report'));
    expect(posts).toHaveLength(1);
    // The channel's name as the command's payload gives it (the tests' commands come from #general).
    expect(String(posts[0]?.args.text)).toBe('Impact report: #general, 2026-Q4');
    const files = [...t.slack.files.values()].filter((f) => f.filename.endsWith('.pdf'));
    expect(files).toHaveLength(1);
    expect(files[0]?.filename).toBe('impact-report-general-2026-Q4.pdf');
    expect(files[0]?.bytes?.subarray(0, 5).toString()).toBe('%PDF-');
    expect(files[0]?.threadTs).toBeDefined();
  }, 60_000);

  test.each([
    ['report 2027-Q3', '2027-Q3 has not begun yet.'],
    ['report last-week', '“last-week” is not a period I know.'],
  ])('`/health %s` is refused: %s', async (text, refusal) => {
    t.clock.set('2026-12-05T10:00:00Z');
    expect((await command('/health', text)).text).toContain(refusal);
    await deliver();
    expect(t.slack.files.size).toBe(0);
  });
});
