import type { types } from '@slack/bolt';
import { DateTime } from 'luxon';
import type { PersonZone } from '../../../people/time-zones.js';
import { KIND_LABELS, type RitualKindId } from '../../../rituals/kinds.js';
import type { ZoneNotice } from '../../../rituals/zone-notice.js';
import { TIME_ZONE } from '../../ids.js';
import { type Block, context, escapeMrkdwn, section } from '../blocks.js';
import { formModal } from '../form-modal.js';

/**
 * The zones the picker lists, by region: one well-known city for every offset people live at, 95 in
 * all. Block Kit allows a static select 100 options (and option_groups 100 groups, "with a maximum
 * of 100 options": https://docs.slack.dev/reference/block-kit/composition-objects/option-group-object),
 * so the list stays within 100 in total, the stricter reading. Any other IANA zone can be typed in
 * the field under it; an external_select would need an options load URL and a round trip per
 * keystroke for a list that is small and fixed.
 */
export const ZONE_CHOICES: readonly { region: string; zones: readonly string[] }[] = [
  { region: 'Universal', zones: ['UTC'] },
  {
    region: 'Americas',
    zones: [
      'Pacific/Honolulu',
      'America/Anchorage',
      'America/Los_Angeles',
      'America/Vancouver',
      'America/Tijuana',
      'America/Phoenix',
      'America/Denver',
      'America/Edmonton',
      'America/Chicago',
      'America/Mexico_City',
      'America/Winnipeg',
      'America/Guatemala',
      'America/Costa_Rica',
      'America/New_York',
      'America/Toronto',
      'America/Bogota',
      'America/Lima',
      'America/Panama',
      'America/Halifax',
      'America/Caracas',
      'America/Santiago',
      'America/La_Paz',
      'America/Puerto_Rico',
      'America/St_Johns',
      'America/Sao_Paulo',
      'America/Argentina/Buenos_Aires',
      'America/Montevideo',
      'America/Nuuk',
      'Atlantic/South_Georgia',
    ],
  },
  {
    region: 'Europe',
    zones: [
      'Atlantic/Azores',
      'Atlantic/Reykjavik',
      'Europe/London',
      'Europe/Dublin',
      'Europe/Lisbon',
      'Europe/Madrid',
      'Europe/Paris',
      'Europe/Brussels',
      'Europe/Amsterdam',
      'Europe/Berlin',
      'Europe/Zurich',
      'Europe/Rome',
      'Europe/Stockholm',
      'Europe/Oslo',
      'Europe/Copenhagen',
      'Europe/Warsaw',
      'Europe/Prague',
      'Europe/Vienna',
      'Europe/Budapest',
      'Europe/Athens',
      'Europe/Bucharest',
      'Europe/Helsinki',
      'Europe/Kyiv',
      'Europe/Istanbul',
      'Europe/Moscow',
    ],
  },
  {
    region: 'Africa',
    zones: ['Africa/Casablanca', 'Africa/Lagos', 'Africa/Johannesburg', 'Africa/Cairo', 'Africa/Nairobi'],
  },
  {
    region: 'Asia',
    zones: [
      'Asia/Jerusalem',
      'Asia/Riyadh',
      'Asia/Tehran',
      'Asia/Dubai',
      'Asia/Baku',
      'Asia/Kabul',
      'Asia/Karachi',
      'Asia/Tashkent',
      'Asia/Kolkata',
      'Asia/Colombo',
      'Asia/Kathmandu',
      'Asia/Dhaka',
      'Asia/Yangon',
      'Asia/Bangkok',
      'Asia/Jakarta',
      'Asia/Ho_Chi_Minh',
      'Asia/Shanghai',
      'Asia/Hong_Kong',
      'Asia/Singapore',
      'Asia/Manila',
      'Asia/Taipei',
      'Asia/Seoul',
      'Asia/Tokyo',
    ],
  },
  {
    region: 'Australia and the Pacific',
    zones: [
      'Australia/Perth',
      'Australia/Eucla',
      'Australia/Darwin',
      'Australia/Adelaide',
      'Australia/Brisbane',
      'Australia/Sydney',
      'Australia/Melbourne',
      'Australia/Lord_Howe',
      'Pacific/Guam',
      'Pacific/Noumea',
      'Pacific/Auckland',
      'Pacific/Fiji',
    ],
  },
];

/** "Europe/Paris (UTC+01:00)" at `now`: the offset as it is today, summer time included. */
export function zoneLabel(zone: string, now: Date): string {
  const offset = DateTime.fromJSDate(now, { zone }).toFormat('ZZ');
  return `${zone.replaceAll('_', ' ')} (UTC${offset})`;
}

const SOURCE_WORDS: Record<PersonZone['source'], string> = {
  chosen: 'you chose it',
  slack: 'from your Slack profile',
  assumed: "assumed: Slack doesn't share yours with this workspace",
};

/** How a person's zone is described to them: the zone and where it came from. */
export const describeZone = (z: PersonZone, now: Date) =>
  `${zoneLabel(z.zone, now)}, ${SOURCE_WORDS[z.source]}`;

/** What a prompt says when Rapport assumed the person's zone; the first also asks for theirs. */
export function zoneNoticeBlocks(notice: ZoneNotice | undefined): Block[] {
  if (!notice) return [];
  // Answered: the zone they chose, and no button.
  if (notice.chosen) {
    return [
      context(
        `:globe_with_meridians: Your time zone is set: *${escapeMrkdwn(notice.chosen)}*. Your prompts come at their time there; change it any time on Rapport's Home tab.`,
      ),
    ];
  }
  const said = context(
    `:globe_with_meridians: Slack doesn't share your time zone with this workspace, so this is scheduled in *${escapeMrkdwn(notice.zone)}*, the time zone of whoever set it up.${
      notice.ask ? '' : " You can set yours on Rapport's Home tab."
    }`,
  );
  if (!notice.ask) return [said];
  return [
    said,
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: TIME_ZONE.open,
          text: { type: 'plain_text', text: 'Set my time zone' },
          value: 'prompt',
        },
      ],
    },
  ];
}

export const TIME_ZONE_TITLE = 'Your time zone';

/** The form: a picker of common zones, and a field for any other IANA zone. */
export function timeZoneModal(input: { current: PersonZone; now: Date }): types.ModalView {
  const option = (zone: string) => ({
    text: { type: 'plain_text' as const, text: zoneLabel(zone, input.now) },
    value: zone,
  });
  const listed = ZONE_CHOICES.some((g) => g.zones.includes(input.current.zone));
  return formModal({
    callbackId: TIME_ZONE.view,
    metadata: '',
    title: TIME_ZONE_TITLE,
    submit: 'Save',
    blocks: [
      section(
        `Rapport sends your prompts at their time in your time zone. Now: *${escapeMrkdwn(describeZone(input.current, input.now))}*.`,
      ),
      {
        type: 'input',
        block_id: TIME_ZONE.pickBlock,
        optional: true,
        label: { type: 'plain_text', text: 'Time zone' },
        element: {
          type: 'static_select',
          action_id: TIME_ZONE.input,
          placeholder: { type: 'plain_text', text: 'Type a city to find it' },
          option_groups: ZONE_CHOICES.map((g) => ({
            label: { type: 'plain_text' as const, text: g.region },
            options: g.zones.map(option),
          })),
          ...(listed && input.current.source !== 'assumed'
            ? { initial_option: option(input.current.zone) }
            : {}),
        },
      },
      {
        type: 'input',
        block_id: TIME_ZONE.typedBlock,
        optional: true,
        label: { type: 'plain_text', text: 'Not listed? Type its IANA name' },
        hint: { type: 'plain_text', text: 'For example America/Argentina/Salta. This wins over the list.' },
        element: {
          type: 'plain_text_input',
          action_id: TIME_ZONE.input,
          max_length: 64,
          placeholder: { type: 'plain_text', text: 'Region/City' },
        },
      },
    ],
  });
}

/** The modal once saved: "got it", and where the person's rituals now fall. */
export function timeZoneSaved(input: {
  zone: string;
  rituals: { channelId: string; kind: string; time: string }[];
  now: Date;
}): types.ModalView {
  const lines = input.rituals.map(
    (r) =>
      `• <#${r.channelId}>: your ${KIND_LABELS[r.kind as RitualKindId] ?? r.kind} comes at ${r.time} your time`,
  );
  return {
    type: 'modal',
    title: { type: 'plain_text', text: TIME_ZONE_TITLE },
    close: { type: 'plain_text', text: 'Done' },
    blocks: [
      section(
        `:white_check_mark: Got it: your time zone is *${escapeMrkdwn(zoneLabel(input.zone, input.now))}*.`,
      ),
      ...(lines.length > 0 ? [section(lines.join('\n'))] : []),
      context("It wins over Slack's from now on. Change it any time on Rapport's Home tab."),
    ],
  };
}
