import type {
  EscalationOwnerDm,
  EscalationState,
  EscalationSummary,
  EscalationTexts,
} from '../../../escalations/escalation-views.js';
import { ESCALATIONS } from '../../ids.js';
import type { Block, SlackMessage } from '../blocks.js';
import { context, escapeMrkdwn, message, plainMessage, section, slackTime } from '../blocks.js';

const stateLine = (e: EscalationState) =>
  e.state === 'resolved'
    ? `:white_check_mark: Resolved at level ${e.level}${e.resolvedAt ? ` ${slackTime(e.resolvedAt)}` : ''}`
    : `:hourglass_flowing_sand: Open at level ${e.level} of ${e.levels} · moves on ${
        e.level < e.levels ? slackTime(e.levelDueAt) : 'no further (last level)'
      }`;

const resolveButton = (e: EscalationState): Block[] =>
  e.state === 'open'
    ? [
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: ESCALATIONS.resolve,
              text: { type: 'plain_text', text: 'Resolve' },
              value: String(e.id),
            },
          ],
        },
      ]
    : [];

/** The texts, people's words escaped, so `<!channel>` in them notifies nobody. */
function textSections(t: EscalationTexts): Block[] {
  const part = (label: string, value: string | null) =>
    value ? [section(`*${label}*\n${escapeMrkdwn(value)}`)] : [];
  return [
    ...part('The issue', t.issue),
    ...part('What one side needs', t.needsA),
    ...part('What the other side needs', t.needsB),
    ...part('Options considered', t.options),
    ...part('How to judge them', t.criteria),
  ];
}

/**
 * The channel's neutral summary: what is at stake and what each side needs, in their words, with no
 * side named first or last in judgement. A private escalation's shows only that one exists and how
 * it stands.
 */
export function escalationSummary(e: EscalationSummary): SlackMessage {
  if (!e.shown) {
    return message(`A private escalation (#${e.id}) is ${e.state}`, [
      section(`:lock: *Escalation #${e.id}* · private to the owners of the levels it reaches`),
      context(stateLine(e)),
      ...resolveButton(e),
    ]);
  }
  const { raisedBy, texts, resolution } = e.shown;
  return message(`Escalation #${e.id}: ${escapeMrkdwn(texts.issue).slice(0, 200)}`, [
    section(`:scales: *Escalation #${e.id}*, raised by <@${raisedBy}>`),
    ...textSections(texts),
    ...(resolution
      ? [section(`*Agreed*\n${escapeMrkdwn(resolution.agreed)}\n*Why*\n${escapeMrkdwn(resolution.reason)}`)]
      : []),
    context(
      `${stateLine(e)}${resolution ? ` by <@${resolution.by}> · logged as a decision in this thread` : ''}`,
    ),
    ...resolveButton(e),
  ]);
}

/** To an owner of the level it reached: everything, and what is asked of them. */
export function escalationOwnerDm(e: EscalationOwnerDm): SlackMessage {
  const why =
    e.why === 'raised'
      ? `<@${e.raisedBy}> escalated a disagreement in <#${e.channelId}> to you, as an owner of level 1 in its charter.`
      : `An escalation in <#${e.channelId}> was not resolved within its target, so it moves to level ${e.level}, which you own.`;
  return message(`Escalation #${e.id} in <#${e.channelId}> needs you (level ${e.level})`, [
    section(`:scales: ${why}${e.private ? ' It is private: the channel sees only that it exists.' : ''}`),
    ...textSections(e.texts),
    context(stateLine(e)),
    ...resolveButton(e),
  ]);
}

export const escalationNotPosted = (channelId: string) =>
  plainMessage(
    `:warning: I raised your escalation and told its level-1 owners, but I can't post in <#${channelId}>. Invite @Rapport there (\`/invite @Rapport\`) so the channel sees it.`,
  );

export const escalationHelp = () =>
  plainMessage(
    [
      '*`/escalate`* — take a disagreement to the escalation levels of this channel’s charter.',
      '• `/escalate` opens the form: the issue, what each side needs, the options and how to judge them',
      '• or use *Escalate this* on a message (More actions ⋯)',
      '• level 1’s owners hear at once; unresolved past its target, it moves to the next level',
      '• set the levels with `/charter edit`',
    ].join('\n'),
  );

export const escalationRaised = (id: number, isPrivate: boolean) =>
  plainMessage(
    `Escalation #${id} is raised: level 1’s owners have a DM${isPrivate ? ', and the channel sees only that it exists' : ' and the channel has a summary'}.`,
  );
