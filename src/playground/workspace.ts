import type { Channel, Person, Team } from './api-types.js';
import { type SlackStandIn, TEAM_ID } from '../slack-emulator/index.js';

/**
 * The playground's small workspace: six people in six time zones, from two organisations. Northwind
 * owns the workspace; Globex's people join through Slack Connect, so in the shared channel the
 * sides are the two workspaces, as in a real alliance.
 */
export const PARTNER_TEAM_ID = 'T0GLOBEX01';

export const TEAMS: Team[] = [
  { id: TEAM_ID, name: 'Northwind' },
  { id: PARTNER_TEAM_ID, name: 'Globex' },
];

export const PEOPLE: Person[] = [
  { id: 'U0ANALIMA1', name: 'ana', realName: 'Ana Lima', title: 'Product lead', tz: 'America/Sao_Paulo', teamId: TEAM_ID },
  { id: 'U0BENOKAF1', name: 'ben', realName: 'Ben Okafor', title: 'Engineer', tz: 'Europe/London', teamId: TEAM_ID },
  { id: 'U0CHENWEI1', name: 'chen', realName: 'Chen Wei', title: 'Designer', tz: 'Asia/Singapore', teamId: TEAM_ID },
  { id: 'U0DANAKOW1', name: 'dana', realName: 'Dana Kowalski', title: 'Engineer', tz: 'Europe/Warsaw', teamId: PARTNER_TEAM_ID },
  { id: 'U0ELICOHE1', name: 'eli', realName: 'Eli Cohen', title: 'Partner manager', tz: 'America/New_York', teamId: PARTNER_TEAM_ID },
  { id: 'U0FARAHAD1', name: 'fara', realName: 'Fara Haddad', title: 'Data analyst', tz: 'Asia/Kolkata', teamId: PARTNER_TEAM_ID },
]; // prettier-ignore

const NORTHWIND = PEOPLE.filter((p) => p.teamId === TEAM_ID).map((p) => p.id);
const EVERYONE = PEOPLE.map((p) => p.id);

export const CHANNELS: Channel[] = [
  { id: 'C0GENERAL1', name: 'general', isPrivate: false, isShared: false, members: NORTHWIND },
  { id: 'C0DESIGN01', name: 'design-crit', isPrivate: true, isShared: false, members: NORTHWIND.slice(0, 3) },
  { id: 'C0ALLIANCE', name: 'northwind-globex', isPrivate: false, isShared: true, members: EVERYONE },
  { id: 'C0RANDOM01', name: 'random', isPrivate: false, isShared: false, members: NORTHWIND },
];

/** Channels Rapport was never invited to: what it posts there, Slack refuses, as it would. */
const WITHOUT_BOT = ['C0RANDOM01'];

/** Tells the stand-in who exists and who is in which channel. */
export function seedStandIn(slack: SlackStandIn): void {
  for (const p of PEOPLE) {
    slack.addUser({
      id: p.id,
      name: p.name,
      real_name: p.realName,
      title: p.title,
      tz: p.tz,
      team_id: p.teamId,
    });
  }
  for (const c of CHANNELS) {
    slack.addChannel({
      id: c.id,
      name: c.name,
      isPrivate: c.isPrivate,
      // Northwind's channel, shared with Globex through Slack Connect: Northwind hosts it.
      teams: c.isShared ? [TEAM_ID, PARTNER_TEAM_ID] : [TEAM_ID],
    });
    slack.channelMembers.set(c.id, c.members);
  }
  for (const t of TEAMS) slack.teams.set(t.id, t.name);
  for (const id of WITHOUT_BOT) slack.channelsWithoutBot.add(id);
}

export function personById(id: string): Person | undefined {
  return PEOPLE.find((p) => p.id === id);
}

export function channelById(id: string): Channel | undefined {
  return CHANNELS.find((c) => c.id === id);
}

/** The name a conversation shows: a channel's, or "Rapport" for a person's DM with the bot. */
export function conversationName(id: string): string {
  return channelById(id)?.name ?? (id.startsWith('D') ? 'directmessage' : id);
}

/**
 * What someone typed, as Slack sends it on: `&`, `<` and `>` escaped, then "@ana" turned into
 * "<@U0ANALIMA1|ana>" and "#general" into "<#C0GENERAL1|general>" (a command escapes names when
 * its manifest says so, and every Rapport command does); unknown names stay as typed.
 */
export function asSlackSendsIt(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/(^|[\s(])@([a-z0-9._-]+)/gi, (whole, before: string, name: string) => {
      const person = PEOPLE.find((p) => p.name === name.toLowerCase());
      return person ? `${before}<@${person.id}|${person.name}>` : whole;
    })
    .replace(/(^|[\s(])#([a-z0-9._-]+)/gi, (whole, before: string, name: string) => {
      const channel = CHANNELS.find((c) => c.name === name.toLowerCase());
      return channel ? `${before}<#${channel.id}|${channel.name}>` : whole;
    });
}
