import { expect } from '@jest/globals';
import { z } from 'zod';
import { exportRecords, type ExportRecord } from '../../src/export/records.js';
import { TEAM_ID } from './fake-slack.js';
import type { TestApp } from './test-app.js';

/** The people and channel of the credit tests, and what those tests ask of the app. */
export const GIVER = 'U0GIVER001';
export const ANA = 'U0ANA00001';
export const BEN = 'U0BEN00002';
export const CY = 'U0CYY00003';
export const ROBOT = 'U0ROBOT004';
export const GONE = 'U0GONE0005';
export const CHANNEL = 'C0LAUNCH01';

export const mention = (id: string, name: string) => `<@${id}|${name}>`;
export const json = (value: unknown) => JSON.stringify(value ?? null);

export function addPeople(t: TestApp): void {
  for (const user of [
    { id: GIVER, name: 'gina' },
    { id: ANA, name: 'ana' },
    { id: BEN, name: 'ben' },
    { id: CY, name: 'cy' },
    { id: ROBOT, name: 'deploybot', is_bot: true },
    { id: GONE, name: 'gone', deleted: true },
  ]) {
    t.slack.addUser(user);
  }
}

export type Reply = { response_type?: string; text: string; blocks: unknown[] };

/** `/credit …` typed by `user`; the ephemeral reply, or undefined when the command answers nothing. */
export async function credit(
  t: TestApp,
  text: string,
  options: { user?: string; channel?: string; trigger?: string } = {},
): Promise<Reply | undefined> {
  const res = await t.requests.command({
    command: '/credit',
    text,
    user_id: options.user ?? GIVER,
    channel_id: options.channel ?? CHANNEL,
    ...(options.trigger ? { trigger_id: options.trigger } : {}),
  });
  expect(res.status).toBe(200);
  const body = await res.text();
  return body === '' ? undefined : (JSON.parse(body) as Reply);
}

const contributorRow = z.object({
  id: z.coerce.number(),
  credit_id: z.coerce.number(),
  contributor_id: z.string(),
  contribution: z.string().nullable(),
  status: z.string(),
  corrected: z.boolean(),
});
export type ContributorRow = z.infer<typeof contributorRow>;

export const contributors = (t: TestApp) =>
  t.database.db.query(
    `select id, credit_id, contributor_id, contribution, status, corrected
     from credit_contributors order by id`,
    [],
    contributorRow,
  );

/** The contributor row of one person (the value their buttons carry). */
export async function rowOf(t: TestApp, userId: string): Promise<ContributorRow> {
  const row = (await contributors(t)).find((r) => r.contributor_id === userId);
  if (!row) throw new Error(`no credit row for ${userId}`);
  return row;
}

export const credits = (t: TestApp) =>
  t.database.db.query(
    `select id, team_id, channel_id, deliverable, link, given_by from credits order by id`,
    [],
    z.object({
      id: z.coerce.number(),
      team_id: z.string(),
      channel_id: z.string(),
      deliverable: z.string(),
      link: z.string().nullable(),
      given_by: z.string(),
    }),
  );

export const outbox = (t: TestApp) =>
  t.database.db.query(
    `select dedupe_key, channel_id, status, method from outbox order by id`,
    [],
    z.object({ dedupe_key: z.string(), channel_id: z.string(), status: z.string(), method: z.string() }),
  );

/** Runs the outbox now, as its one-second clock would: everything ready goes out. */
export async function deliver(t: TestApp): Promise<void> {
  await t.app.background.drain();
  for (let pass = 0; pass < 3; pass += 1) {
    t.clock.advance(1_000);
    await t.app.jobs.deliver();
  }
}

/** The messages the bot has in a conversation now (a DM is "D" + the user id). */
export const messagesIn = (t: TestApp, conversation: string) => t.slack.conversations.get(conversation) ?? [];

/** A click on a contributor's answer button in their DM, as Slack sends it. */
export const clickInDm = (t: TestApp, actionId: string, rowId: number, user: string) =>
  t.requests.blockAction({
    user_id: user,
    action_id: actionId,
    value: String(rowId),
    channel_id: `D${user}`,
  });

/**
 * The same click on the Home tab, shaped as Slack sends it from there (block_actions reference,
 * "view" container): a home view, and no channel, message or response_url.
 */
export function clickOnHome(t: TestApp, actionId: string, rowId: number, user: string) {
  return t.requests.homeButton({ user_id: user, action_id: actionId, value: String(rowId) });
}

/** The `credit` lines `npm run export` writes for the test workspace. */
export async function exportedCredits(t: TestApp): Promise<ExportRecord[]> {
  const lines: ExportRecord[] = [];
  for await (const r of exportRecords(t.database.db, { teamId: TEAM_ID, since: undefined })) {
    if (r.type === 'credit') lines.push(r);
  }
  return lines;
}
