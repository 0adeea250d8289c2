import type { types } from '@slack/bolt';
import { DateTime } from 'luxon';
import type { PlaybookPlan, PlaybookRequest } from '../../../rituals/playbook-service.js';
import type { PlaybookViews } from '../../../rituals/playbook-views.js';
import { CHARTER, PLAYBOOKS } from '../../ids.js';
import {
  context,
  escapeMrkdwn,
  header,
  message,
  type SlackMessage,
  section,
  slackTime,
  truncate,
} from '../blocks.js';
import { formModal } from '../form-modal.js';

const KIND_EMOJI: Record<string, string> = {
  standup: ':sunrise:',
  retro: ':mag:',
  pulse: ':bar_chart:',
  digest: ':chart_with_upwards_trend:',
  review: ':compass:',
};

/** What the confirmation form carries: the playbook asked for, and its one-time token. */
export type PlaybookMetadata = PlaybookRequest & { channelId: string; token: string };

export const encodePlaybookMetadata = (m: PlaybookMetadata) =>
  JSON.stringify({ c: m.channelId, n: m.name, e: m.endDate, p: m.project, k: m.token });

export function decodePlaybookMetadata(value: string | undefined): PlaybookMetadata | undefined {
  try {
    const m = JSON.parse(value ?? '') as { c?: unknown; n?: unknown; e?: unknown; p?: unknown; k?: unknown };
    if (typeof m.c !== 'string' || !/^[CG][A-Z0-9]{2,20}$/.test(m.c)) return undefined;
    if (typeof m.n !== 'string' || !/^[a-z][a-z0-9-]{0,30}$/.test(m.n)) return undefined;
    if (typeof m.k !== 'string' || m.k.length < 8 || m.k.length > 64) return undefined;
    const endDate = typeof m.e === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(m.e) ? m.e : undefined;
    const project = typeof m.p === 'string' && m.p.length <= 80 ? m.p : undefined;
    return {
      channelId: m.c,
      name: m.n,
      token: m.k,
      ...(endDate ? { endDate } : {}),
      ...(project ? { project } : {}),
    };
  } catch {
    return undefined;
  }
}

export const playbookTitle = 'Set up a playbook';

/** The confirmation: everything the playbook will create in the channel, and what it keeps instead. */
export function playbookModal(plan: PlaybookPlan, metadata: PlaybookMetadata): types.ModalView {
  const lines = [
    ...(plan.playbook.charterPrompt
      ? [
          ':scroll: A kickoff post asking everyone to agree the channel’s charter, with a button that opens it',
        ]
      : []),
    ...plan.rituals.map((r) =>
      r.keeps
        ? `${KIND_EMOJI[r.kind] ?? '•'} No new ${r.label}: the channel's ${r.keeps.label} ${r.keeps.id} (${escapeMrkdwn(r.keeps.schedule)}) is kept`
        : `${KIND_EMOJI[r.kind] ?? '•'} A ${r.label}: ${escapeMrkdwn(r.schedule)}`,
    ),
    ...(plan.debriefAt
      ? [
          `:checkered_flag: On ${slackTime(plan.debriefAt)}, a prompt to hold the${plan.request.project ? ` ${escapeMrkdwn(plan.request.project)}` : ''} project's debrief`,
        ]
      : []),
  ];
  return formModal({
    callbackId: PLAYBOOKS.view,
    metadata: encodePlaybookMetadata(metadata),
    title: playbookTitle,
    submit: 'Set it up',
    blocks: [
      section(
        `*${escapeMrkdwn(plan.playbook.title)} playbook* for <#${metadata.channelId}>: ${escapeMrkdwn(plan.playbook.summary)}`,
      ),
      section(truncate(`This will set up:\n${lines.join('\n')}`, 3000)),
      context(
        'Each ritual can be changed or removed afterwards with `/rituals list`. What a playbook creates is written in playbooks.json, which your admins can change.',
      ),
    ],
  });
}

/** The form replaced by why nothing was set up. */
export function playbookRefused(reason: string): types.ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: playbookTitle },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [section(`:warning: Nothing was set up. ${reason}`)],
  };
}

/** In the channel: what the playbook set up, and its kickoff charter prompt. */
export function playbookApplied(d: PlaybookViews['playbooks.applied']): SlackMessage {
  const created = d.created.map(
    (r) => `${KIND_EMOJI[r.kind] ?? '•'} *${r.id}* · ${r.label}: ${escapeMrkdwn(r.schedule)}`,
  );
  const kept = d.kept.map((r) => `• ${r.label} *${r.id}* was already here: kept as it is`);
  return message(`${d.title} playbook set up in <#${d.channelId}> by <@${d.appliedBy}>`, [
    header(truncate(`${d.title} playbook`, 150)),
    section(
      truncate(
        `<@${d.appliedBy}> set up the ${escapeMrkdwn(d.title.toLowerCase())} playbook in <#${d.channelId}>:\n${[
          ...created,
          ...kept,
          ...(d.debrief
            ? [
                `:checkered_flag: On ${slackTime(new Date(d.debrief.at))}: a prompt to hold the${d.debrief.project ? ` ${escapeMrkdwn(d.debrief.project)}` : ''} project's debrief`,
              ]
            : []),
        ].join('\n')}`,
        3000,
      ),
    ),
    ...(d.charterPrompt
      ? [
          section(
            ':scroll: *Kickoff: agree your charter.* The shared goal, how you will measure success, who owns what, how you decide and escalate, and your rhythm. Write it together: anyone can start it, and every change is kept.',
          ),
          {
            type: 'actions' as const,
            block_id: 'playbook_charter',
            elements: [
              {
                type: 'button' as const,
                action_id: CHARTER.edit,
                style: 'primary' as const,
                text: { type: 'plain_text' as const, text: 'Write the charter' },
              },
            ],
          },
        ]
      : []),
    context('`/rituals list` shows them, each with an Edit button; `/rituals remove <n>` removes one.'),
  ]);
}

/** On the project's last day: time for its debrief; once one is posted, who posted it. */
export function playbookDebrief(d: PlaybookViews['playbooks.debrief']): SlackMessage {
  const project = d.project ? ` *${escapeMrkdwn(d.project)}*` : '';
  if (d.settled) {
    // Once a debrief is posted: who posted it and when, and where it is kept; nothing left to press.
    const lastDay = DateTime.fromISO(d.endDate).toFormat('d LLLL yyyy');
    return message(`The project's debrief is posted`, [
      section(`:checkered_flag: The debrief of the project${project} (its last day: ${lastDay})`),
      section(
        `:white_check_mark: Debrief posted by <@${d.settled.by}> ${slackTime(d.settled.at)} · kept in \`/retro archive\``,
      ),
    ]);
  }
  return message(`The project ends today: time for its debrief`, [
    section(
      `:checkered_flag: The project${project} ends today. Hold its debrief: what you learned, and the templates, docs and code worth reusing. It is posted here and kept in \`/retro archive\`.`,
    ),
    {
      type: 'actions',
      block_id: 'playbook_debrief',
      elements: [
        {
          type: 'button',
          action_id: PLAYBOOKS.debrief,
          style: 'primary',
          text: { type: 'plain_text', text: 'Write the debrief' },
          value: d.project ?? '',
        },
      ],
    },
  ]);
}
