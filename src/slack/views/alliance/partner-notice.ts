import { escapeMrkdwn, message, section, type SlackMessage } from '../blocks.js';

/** How another organisation installs this Rapport: by OAuth (at its install page), or not at all. */
export type InstallLink = { byOAuth: boolean; url: string | undefined };

/** A partner workspace, named as Rapport knows it. */
export type Partner = { teamId: string; name: string | null };

const nameOf = (p: Partner) => (p.name ? `*${escapeMrkdwn(p.name)}*` : `their workspace (${p.teamId})`);
const namesOf = (partners: readonly Partner[]) => partners.map(nameOf).join(' and ');

/**
 * What a shared channel is told when an organisation in it has not installed Rapport: its members
 * can answer prompts and use buttons, forms and kudos emoji already; slash commands and message
 * shortcuts need their own install, as Slack does not share them across organisations
 * (https://docs.slack.dev/apis/slack-connect, "Slash commands are not shared").
 */
export function partnerNoticeText(partners: readonly Partner[], install: InstallLink): string {
  const who = namesOf(partners);
  const canDo = `Members of ${who} can already answer Rapport's prompts here, and use its buttons, forms and kudos emoji.`;
  const rule = 'Slack keeps slash commands and shortcuts to the workspaces that installed an app';
  if (!install.byOAuth) {
    return `${canDo} ${rule}, and this Rapport serves one workspace, so they take part through prompts, buttons, forms and emoji.`;
  }
  const where = install.url
    ? `from <${install.url}|this install link>`
    : "from this Rapport's install page (`/slack/install` on the address Slack sends its requests to)";
  return `${canDo} ${rule}: an admin of ${who} can install Rapport ${where}, and this channel keeps one record for both organisations.`;
}

/** The notice as a channel message. */
export function partnerNotice(partners: readonly Partner[], install: InstallLink): SlackMessage {
  const text = partnerNoticeText(partners, install);
  return message(`:handshake: ${text}`, [section(`:handshake: ${text}`)]);
}

/**
 * What a shared channel is told when one of its organisations uninstalls Rapport and another's
 * installation carries the channel on.
 */
export function installationGoneNotice(gone: Partner, carriers: readonly Partner[]): SlackMessage {
  const text =
    `${nameOf(gone)} removed Rapport from their workspace. This channel carries on through the ` +
    `installation of ${namesOf(carriers)}: everyone here can still answer prompts and use the buttons, ` +
    `and this channel's records stay as they are. ${nameOf(gone)}'s people can type Rapport's commands ` +
    'again once their admin installs it again.';
  return message(`:wave: ${text}`, [section(`:wave: ${text}`)]);
}
