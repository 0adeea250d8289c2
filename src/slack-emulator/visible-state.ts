import { z } from 'zod';
import type { EphemeralMessage, FakeFile, ResponseTarget, SlackStandIn } from './slack-stand-in.js';

/**
 * What people see of the stand-in's Slack, as plain JSON: every conversation's messages (threads,
 * reactions, edits, metadata and all), the files shared in them, the replies only one person sees,
 * the Home tabs, and where each response_url still answers. Open modals are not kept: like Slack's
 * on a reload, they close. Nor is anything about the app's installations (their tokens are issued
 * afresh). The playground saves this beside its database and puts it back at its next start.
 */
export type VisibleState = z.infer<typeof visibleStateSchema>;

const record = z.record(z.string(), z.unknown());

export const visibleStateSchema = z.object({
  tsSequence: z.number().int().nonnegative(),
  conversations: z.array(z.tuple([z.string(), z.array(record)])),
  /** Files without their bytes, which are kept apart (see `bytesToKeep`). */
  files: z.array(
    z.object({
      id: z.string(),
      filename: z.string(),
      length: z.number(),
      altText: z.string().optional(),
      title: z.string().optional(),
      channel: z.string().optional(),
      threadTs: z.string().optional(),
    }),
  ),
  ephemerals: z.array(
    z.object({
      id: z.string(),
      channel: z.string(),
      user: z.string(),
      from: z.enum(['app', 'slackbot']),
      text: z.string(),
      blocks: z.array(z.unknown()).nullable(),
      at: z.iso.datetime(),
    }),
  ),
  homes: z.array(z.tuple([z.string(), record])),
  /** Group DMs conversations.open made, with their members. */
  groupDms: z.array(z.tuple([z.string(), z.array(z.string())])).default([]),
  responseTargets: z.array(
    z.tuple([
      z.string(),
      z.object({
        user: z.string(),
        channel: z.string(),
        ephemeralId: z.string().optional(),
        messageTs: z.string().optional(),
      }),
    ]),
  ),
});

export function visibleStateOf(slack: SlackStandIn): VisibleState {
  return {
    tsSequence: slack.tsSequence,
    conversations: [...slack.conversations],
    files: [...slack.files.values()].map(({ bytes: _bytes, ...file }) => withoutUndefined(file)),
    ephemerals: slack.ephemerals.map((e) => ({ ...e, at: e.at.toISOString() })),
    homes: [...slack.homes],
    groupDms: [...slack.groupDms],
    responseTargets: [...slack.responseTargets].map(([id, t]) => [id, withoutUndefined(t)]),
  };
}

/** Files whose bytes arrived: what `restoreVisibleState` needs back, by id. */
export function bytesToKeep(slack: SlackStandIn): { id: string; bytes: Buffer }[] {
  return [...slack.files.values()].flatMap((f) => (f.bytes ? [{ id: f.id, bytes: f.bytes }] : []));
}

/** Puts a saved state back into a stand-in that has seen nothing yet (users and channels seeded). */
export function restoreVisibleState(
  slack: SlackStandIn,
  state: VisibleState,
  bytes: ReadonlyMap<string, Buffer>,
): void {
  slack.continueTsAfter(state.tsSequence);
  for (const [id, messages] of state.conversations) slack.conversations.set(id, messages);
  for (const file of state.files) {
    const kept: FakeFile = { ...file, altText: file.altText, bytes: bytes.get(file.id) };
    slack.files.set(file.id, kept);
  }
  slack.ephemerals.push(...state.ephemerals.map((e): EphemeralMessage => ({ ...e, at: new Date(e.at) })));
  for (const [user, view] of state.homes) slack.homes.set(user, view);
  for (const [id, members] of state.groupDms) slack.groupDms.set(id, members);
  for (const [id, target] of state.responseTargets) slack.responseTargets.set(id, target as ResponseTarget);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
