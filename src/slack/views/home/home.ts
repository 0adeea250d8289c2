import type { types } from '@slack/bolt';
import type { PersonCredit } from '../../../credits/credits-service.js';
import { HOME_SHOWS, type HomeChannel, type HomeDashboard } from '../../../home/home-service.js';
import { KIND_LABELS } from '../../../rituals/kinds.js';
import { HOME, TIME_ZONE } from '../../ids.js';
import { describeZone } from '../people/time-zone.js';
import { creditAnswerButtons } from '../credits/buttons.js';
import { context, escapeMrkdwn, header, LIMITS, quote, section, slackTime, truncate } from '../blocks.js';

const REASON_SHOWN = 200;
const ITEM_SHOWN = 300;

const divider: types.DividerBlock = { type: 'divider' };

/** "and 3 more", or nothing. */
const more = (shown: number, total: number, where: string) =>
  total > shown ? [context(`…and ${total - shown} more: ${where}`)] : [];

function kudosBlocks(d: HomeDashboard): types.KnownBlock[] {
  const k = d.kudos;
  if (!k) return [];
  const blocks: types.KnownBlock[] = [
    header('Recognition'),
    section(
      `You received *${k.receivedRecent}* kudos and gave *${k.givenRecent}* in the last 30 days ` +
        `(${k.receivedAll} received and ${k.givenAll} given in all).`,
    ),
  ];
  if (k.latestReceived.length === 0) {
    blocks.push(context('No kudos to you yet. Who could you thank today? `/kudos @person what for`'));
    return blocks;
  }
  const latest = k.latestReceived.map((r) => {
    const what = r.reason
      ? `\n${quote(truncate(r.reason, REASON_SHOWN))}`
      : ` (reacted :${r.emoji}: to your message)`;
    return `From <@${r.giver_id}> in <#${r.channel_id}>, ${slackTime(r.created_at)}${what}`;
  });
  blocks.push(section(`*Latest thanks to you*\n${latest.join('\n')}`));
  return blocks;
}

const CONTRIBUTION_SHOWN = 300;

function creditBlocks(d: HomeDashboard): types.KnownBlock[] {
  if (!d.credits) return [];
  const { credits, total, waiting } = d.credits;
  if (total === 0) return [];
  const line = (c: PersonCredit) => {
    const title = escapeMrkdwn(c.deliverable);
    const deliverable = c.link ? `<${c.link}|${title}>` : title;
    const part = c.contribution ? `: ${escapeMrkdwn(truncate(c.contribution, CONTRIBUTION_SHOWN))}` : '';
    return `*${deliverable}* in <#${c.channelId}>, from <@${c.givenBy}>${part}`;
  };
  const blocks: types.KnownBlock[] = [
    header('Your credits'),
    context(
      waiting > 0
        ? `${total} credit${total === 1 ? '' : 's'} to you; ${waiting} wait${waiting === 1 ? 's' : ''} for your answer.`
        : `${total} credit${total === 1 ? '' : 's'} to you, all confirmed.`,
    ),
  ];
  for (const c of credits.filter((c) => c.status === 'unconfirmed')) {
    blocks.push(
      section(truncate(`:hourglass: ${line(c)}`, LIMITS.sectionText)),
      creditAnswerButtons(c.contributorRowId),
    );
  }
  const confirmed = credits.filter((c) => c.status === 'confirmed');
  if (confirmed.length > 0) {
    blocks.push(
      section(truncate(confirmed.map((c) => `:white_check_mark: ${line(c)}`).join('\n'), LIMITS.sectionText)),
    );
  }
  return [...blocks, ...more(credits.length, total, '`/credit @you` in each channel lists them.')];
}

function settingsBlocks(d: HomeDashboard, now: Date): types.KnownBlock[] {
  const dms: types.KnownBlock[] =
    d.kudosDms === undefined
      ? []
      : [
          {
            type: 'section',
            text: {
              type: 'mrkdwn',
              text: d.kudosDms
                ? '*DMs about kudos:* on. You get a DM when someone gives you kudos.'
                : '*DMs about kudos:* off. Kudos to you still count and show here.',
            },
            accessory: {
              type: 'button',
              action_id: HOME.kudosDms,
              text: { type: 'plain_text', text: d.kudosDms ? 'Turn off' : 'Turn on' },
              value: d.kudosDms ? 'off' : 'on',
            },
          },
        ];
  const zone = d.zone;
  return [
    header('Settings'),
    ...dms,
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: zone
          ? `*Time zone:* ${escapeMrkdwn(describeZone(zone, now))}.`
          : '*Time zone:* not known just now.',
      },
      accessory: {
        type: 'button',
        action_id: TIME_ZONE.open,
        text: {
          type: 'plain_text',
          text: !zone || zone.source === 'assumed' ? 'Set my time zone' : 'Change',
        },
        value: 'home',
      },
    },
  ];
}

/** What could not be read just now: said once, at the top, so the rest of the tab is trusted. */
function unreadBlocks(d: HomeDashboard): types.KnownBlock[] {
  if (d.unread.length === 0) return [];
  const parts =
    d.unread.length === 1 ? d.unread[0] : `${d.unread.slice(0, -1).join(', ')} and ${d.unread.at(-1)}`;
  return [
    context(`:warning: Rapport could not read ${parts ?? ''} just now; everything else here is up to date.`),
  ];
}

function actionItemBlocks(d: HomeDashboard): types.KnownBlock[] {
  if (!d.actionItems) return [];
  const { items, total } = d.actionItems;
  if (total === 0) return [];
  return [
    header('Your open action items'),
    ...items.map((item): types.KnownBlock => ({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `${escapeMrkdwn(truncate(item.body, ITEM_SHOWN))}\n<#${item.channel_id}>${item.due_on ? ` · due ${item.due_on}` : ''}`,
          LIMITS.sectionText,
        ),
      },
      accessory: {
        type: 'button',
        action_id: HOME.actionDone,
        text: { type: 'plain_text', text: 'Done' },
        value: String(item.id),
      },
    })),
    ...more(items.length, total, '`/retro actions` in each channel lists them all.'),
  ];
}

function upcomingBlocks(d: HomeDashboard): types.KnownBlock[] {
  if (!d.upcoming) return [];
  const lines = d.upcoming.map(
    (u) =>
      `• ${KIND_LABELS[u.kind].replace(/^./, (c) => c.toUpperCase())} in <#${u.channel_id}>: ${slackTime(u.next_at)}`,
  );
  const away = d.awayUntil
    ? [context(`You are away until ${d.awayUntil}: no prompts until then. \`/checkin back\` ends it early.`)]
    : [];
  if (lines.length === 0) {
    return [header('Your next check-ins'), ...away, context('You are in no stand-up or pulse check yet.')];
  }
  return [
    header('Your next check-ins'),
    ...away,
    section(lines.join('\n')),
    context(`Times are in your own time zone. The next ${HOME_SHOWS.upcoming} at most.`),
  ];
}

/**
 * " · health 72 (week to Nov 23, 2026)": the latest published score, rounded as the digest shows it,
 * and the day its week ended in the reader's own time zone; nothing before a first digest.
 */
function healthOf(c: HomeChannel): string {
  if (!c.health) return '';
  const { score, periodEnd } = c.health;
  const unix = Math.floor(periodEnd.getTime() / 1000);
  const week = `<!date^${unix}^{date_short}|${periodEnd.toISOString().slice(0, 10)}>`;
  return ` · health${score === null ? ': no data' : ` ${Math.round(score)}`} (week to ${week})`;
}

function channelBlocks(d: HomeDashboard): types.KnownBlock[] {
  if (!d.channels || d.channels.length === 0) return [];
  const shown = d.channels.slice(0, HOME_SHOWS.channels);
  const lines = shown.map((c) => {
    const runs = c.kinds.map((kind) => KIND_LABELS[kind]);
    return `• <#${c.channel_id}>${runs.length > 0 ? `: ${runs.join(', ')}` : ''}${healthOf(c)}`;
  });
  return [
    header('Your channels'),
    section(truncate(lines.join('\n'), LIMITS.sectionText)),
    ...(d.channels.length > shown.length ? [context('…and more.')] : []),
  ];
}

/**
 * A person's Home tab: their recognition, credits (with the answers still owed), open action items,
 * next check-ins, channels and settings. At most 8 credits (2 blocks each), 10 items, and a few
 * blocks per other section: well under Slack's 100 blocks whatever the volume.
 */
export function homeView(d: HomeDashboard, now: Date): types.HomeView {
  const sections = [
    kudosBlocks(d),
    creditBlocks(d),
    actionItemBlocks(d),
    upcomingBlocks(d),
    channelBlocks(d),
    settingsBlocks(d, now),
  ].filter((blocks) => blocks.length > 0);
  const blocks: types.KnownBlock[] = [
    context(`Your Rapport, as of ${slackTime(now)}. Only you see this.`),
    ...unreadBlocks(d),
    ...sections.flatMap((s, i) => (i === 0 ? s : [divider, ...s])),
  ];
  if (blocks.length > LIMITS.blocksPerView)
    throw new Error(`a Home tab holds ${LIMITS.blocksPerView} blocks`);
  return { type: 'home', blocks };
}
