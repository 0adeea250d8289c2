import type { types } from '@slack/bolt';
import type { PairsViews, SessionFormat } from '../../../pairs/pairs-views.js';
import type { SkillsField } from '../../../pairs/skills-service.js';
import { PAIRS, pairsSkillsBlockId } from '../../ids.js';
import {
  type Block,
  context,
  escapeMrkdwn,
  listOf,
  message,
  type SlackMessage,
  section,
  slackTime,
} from '../blocks.js';
import { formModal } from '../form-modal.js';
import { noticeModal } from '../loading-modal.js';

export const SKILLS_TITLE = 'Skill-share pairs';

const mention = (id: string) => `<@${id}>`;
const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (tag: string) => ({ text: plain(tag), value: tag });

/** What the form was opened for: the channel, and a one-time id that makes its submission count once. */
export type SkillsFormMetadata = { channelId: string; submissionId: string };

export const encodeSkillsMetadata = (m: SkillsFormMetadata) =>
  JSON.stringify({ c: m.channelId, s: m.submissionId });

export function decodeSkillsMetadata(text: string): SkillsFormMetadata | undefined {
  try {
    const m = JSON.parse(text) as { c?: unknown; s?: unknown };
    const ok =
      typeof m.c === 'string' &&
      /^[CG][A-Z0-9]{2,30}$/.test(m.c) &&
      typeof m.s === 'string' &&
      /^[\w-]{8,64}$/.test(m.s);
    return ok ? { channelId: m.c as string, submissionId: m.s as string } : undefined;
  } catch {
    return undefined;
  }
}

/** One list of the form: the channel's tags to pick from (when it has any), and a field for others. */
function listBlocks(list: 'offers' | 'wants', tags: readonly string[], chosen: readonly string[]): Block[] {
  const label = list === 'offers' ? 'Skills you can offer' : 'Skills you want to learn';
  const select: Block[] =
    tags.length === 0
      ? []
      : [
          {
            type: 'input',
            block_id: pairsSkillsBlockId(list),
            optional: true,
            label: plain(label),
            element: {
              type: 'multi_static_select',
              action_id: PAIRS.skillsInput,
              placeholder: plain('Pick from this channel’s skills'),
              options: tags.map(option),
              ...(chosen.length > 0
                ? { initial_options: chosen.filter((t) => tags.includes(t)).map(option) }
                : {}),
            },
          },
        ];
  return [
    ...select,
    {
      type: 'input',
      block_id: pairsSkillsBlockId(`${list}Other`),
      optional: true,
      label: plain(tags.length === 0 ? `${label}, comma-separated` : 'Other skills, comma-separated'),
      element: {
        type: 'plain_text_input',
        action_id: PAIRS.skillsInput,
        max_length: 500,
        placeholder: plain(list === 'offers' ? 'e.g. sql, figma, negotiation' : 'e.g. pricing, terraform'),
      },
    },
  ];
}

/** `/pairs skills`: what they can offer and want to learn, each from the channel's tags or typed. */
export function skillsModal(input: {
  metadata: SkillsFormMetadata;
  tags: readonly string[];
  offers: readonly string[];
  wants: readonly string[];
}): types.ModalView {
  return formModal({
    callbackId: PAIRS.skillsView,
    metadata: encodeSkillsMetadata(input.metadata),
    title: SKILLS_TITLE,
    submit: 'Save',
    blocks: [
      section(
        `Each month, skill-share pairs in <#${input.metadata.channelId}> pair someone who wants to learn a skill with someone who offers it.`,
      ),
      ...listBlocks('offers', input.tags, input.offers),
      ...listBlocks('wants', input.tags, input.wants),
      context('Up to 10 skills a list, each 2 to 40 characters. Saving joins you to this channel’s pairs.'),
    ],
  });
}

/** Where each field's problem is shown. */
export const skillsErrorsByBlock = (errors: Partial<Record<SkillsField, string>>) =>
  Object.fromEntries(Object.entries(errors).map(([field, text]) => [pairsSkillsBlockId(field), text]));

/** What the form reads: each list's picked tags and typed others. */
export function readSkillsForm(
  values: Record<string, Record<string, { value?: string | null; selected_options?: { value?: string }[] }>>,
) {
  const read = (list: 'offers' | 'wants') => ({
    picked: (values[pairsSkillsBlockId(list)]?.[PAIRS.skillsInput]?.selected_options ?? []).map(
      (o) => o.value ?? '',
    ),
    other: values[pairsSkillsBlockId(`${list}Other`)]?.[PAIRS.skillsInput]?.value ?? '',
  });
  return { offers: read('offers'), wants: read('wants') };
}

/** Saved: what they offer and want, and whether saving joined them to the pairs. */
export function skillsSaved(d: { channelId: string; offers: string[]; wants: string[]; joined: boolean }) {
  const said = (tags: string[]) => (tags.length > 0 ? tags.map(escapeMrkdwn).join(', ') : 'nothing yet');
  return noticeModal(
    SKILLS_TITLE,
    [
      `Saved. You can offer: ${said(d.offers)}. You want to learn: ${said(d.wants)}.`,
      d.joined
        ? `You have joined the pairs of <#${d.channelId}>: a skill-share round may pair you. \`/pairs leave\` stops it.`
        : `You are in the pairs of <#${d.channelId}>: the next skill-share round may pair you.`,
    ].join('\n'),
  );
}

const FORMATS: Record<SessionFormat, string> = {
  walkthrough: 'a 30-minute walkthrough',
  pairing: 'a pairing session: work on something real together',
  critique: 'a critique: bring something you made and go through it together',
};

/** A skill-share pair's introduction: who teaches what to whom, a format, and two times. */
export function pairsSkillsIntro(d: PairsViews['pairs.skills-intro']): SlackMessage {
  const who = listOf(d.members.map(mention));
  const teaches = d.teaches.map(
    (t) =>
      `• ${mention(t.teacher)} teaches ${mention(t.learner)}: *${t.skills.map(escapeMrkdwn).join(', ')}*`,
  );
  const slots = d.slots.map((s) => {
    const outside = s.outsideHoursFor.length > 0 ? ' (outside working hours for some of you)' : '';
    return `• ${slackTime(new Date(s.start))}${outside}`;
  });
  const across = d.acrossSides ? ', across the sides of the collaboration' : '';
  return message(`Skill-share pairs in <#${d.channelId}>: ${who}`, [
    section(
      `:mortar_board: *Skill-share pairs in <#${d.channelId}>*\n${who}: you are paired this month${across}.`,
    ),
    section(teaches.join('\n')),
    section(`*Suggested format:* ${FORMATS[d.format]}.`),
    ...(slots.length > 0
      ? [section(`*Two times that fall in everyone's working hours* (30 minutes):\n${slots.join('\n')}`)]
      : []),
    context(
      `The round ends ${slackTime(new Date(d.endsAt))}. Halfway, I will ask whether you met. \`/pairs skills\` in <#${d.channelId}> changes your skills; \`/pairs leave\` stops pairing you.`,
    ),
  ]);
}
