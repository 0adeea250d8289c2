import type { Clock } from '../clock.js';
import type { Queryable } from '../db/database.js';
import { enqueueMessages, type OutboxMessage } from '../db/repos/outbox.js';
import { claimPlaybook } from '../db/repos/playbooks.js';
import type { RitualRow } from '../db/repos/rituals.js';
import { UserError } from '../errors.js';
import { KIND_LABELS, type RitualKindId } from './kinds.js';
import { type NamedRitual, playbookView } from './playbook-views.js';
import { type Playbook, playbooks } from './playbooks.js';
import type { RitualsService, RitualView } from './rituals-service.js';
import { describeSchedule, instantOf, scheduleOf } from './schedule.js';

type Actor = { teamId: string; channelId: string; userId: string };
export type PlaybookRequest = { name: string; endDate?: string; project?: string };

/** What a playbook will do in a channel: shown in its confirmation form, then done. */
export type PlaybookPlan = {
  playbook: Playbook;
  /** Each ritual it brings, and the channel's ritual of that kind it keeps instead, if any. */
  rituals: { kind: RitualKindId; label: string; schedule: string; keeps: NamedRitual | null }[];
  /** When the project's debrief prompt is posted. */
  debriefAt: Date | null;
  request: PlaybookRequest;
};

export type PlaybookService = ReturnType<typeof createPlaybookService>;

/** `/rituals playbook <name>`: its plan for the channel, and setting it up once it is confirmed. */
export function createPlaybookService(deps: {
  clock: Clock;
  rituals: RitualsService;
  library?: Map<string, Playbook>;
}) {
  const library = () => deps.library ?? playbooks();

  const plan = async (actor: Actor, request: PlaybookRequest): Promise<PlaybookPlan> => {
    const playbook = library().get(request.name);
    if (!playbook) {
      throw new UserError(
        `There is no playbook “${request.name.slice(0, 30)}”. The playbooks are ${[...library().keys()].map((n) => `\`${n}\``).join(', ')} (playbooks.json).`,
      );
    }
    if (playbook.debriefTime === null && request.endDate) {
      throw new UserError(
        `The ${playbook.name} playbook has no end date: \`/rituals playbook ${playbook.name}\`.`,
      );
    }
    let debriefAt: Date | null = null;
    if (playbook.debriefTime !== null) {
      if (!request.endDate) {
        throw new UserError(
          `The ${playbook.name} playbook ends with a debrief on the project's end date: \`/rituals playbook ${playbook.name} 2027-03-31 Apollo\` (the name is optional).`,
        );
      }
      const { zone } = await deps.rituals.zoneOf(actor.teamId, actor.userId);
      debriefAt = instantOf(request.endDate, playbook.debriefTime, zone);
      if (debriefAt <= deps.clock.now()) {
        throw new UserError(
          `${request.endDate} at ${playbook.debriefTime} has passed: give the project's end date to come.`,
        );
      }
    }
    const existing = await deps.rituals.ofChannel(actor);
    return {
      playbook,
      request,
      debriefAt,
      rituals: playbook.rituals.map((r) => {
        const keeps = existing.find((e) => e.kind === r.kind);
        return {
          kind: r.kind,
          label: KIND_LABELS[r.kind],
          schedule: describeSchedule(r.schedule),
          keeps: keeps ? named(keeps) : null,
        };
      }),
    };
  };

  return {
    plan,

    /**
     * Sets the playbook up, once for this confirmation (`submissionKey`): its rituals, its kickoff
     * message in the channel and, for a project, its debrief prompt on the end date, all in one
     * transaction. Undefined when this confirmation was already used.
     */
    async apply(actor: Actor, request: PlaybookRequest, submissionKey: string) {
      const p = await plan(actor, request);
      const now = deps.clock.now();
      const messages = (created: RitualRow[], kept: RitualRow[]): OutboxMessage[] => [
        {
          teamId: actor.teamId,
          dedupeKey: `playbook-applied:${submissionKey}`,
          channelId: actor.channelId,
          ...playbookView('playbooks.applied', {
            channelId: actor.channelId,
            title: p.playbook.title,
            appliedBy: actor.userId,
            created: created.map(named),
            kept: kept.map(named),
            charterPrompt: p.playbook.charterPrompt,
            debrief: p.debriefAt ? { project: request.project ?? null, at: p.debriefAt.toISOString() } : null,
          }),
        },
        ...(p.debriefAt && request.endDate
          ? [
              {
                teamId: actor.teamId,
                dedupeKey: `playbook-debrief:${actor.channelId}:${request.endDate}`,
                channelId: actor.channelId,
                // It asks the channel to hold its debrief.
                asks: true,
                sendAt: p.debriefAt,
                ...playbookView('playbooks.debrief', {
                  channelId: actor.channelId,
                  project: request.project ?? null,
                  endDate: request.endDate,
                }),
              },
            ]
          : []),
      ];
      return deps.rituals.createMany(actor, p.playbook.rituals, async (tx: Queryable, created, kept) => {
        const claim = { ...actor, playbook: p.playbook.name, submissionKey, now };
        if (!(await claimPlaybook(tx, claim))) return false;
        await enqueueMessages(tx, messages(created, kept), now);
        return true;
      });
    },
  };
}

/** "stand-up 4: Mon–Fri at 09:30, each person's local time". */
function named(r: RitualRow | RitualView): NamedRitual {
  return { id: r.id, kind: r.kind, label: KIND_LABELS[r.kind], schedule: describeSchedule(scheduleOf(r)) };
}
