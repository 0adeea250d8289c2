/**
 * What Slack shows of people and channels across workspaces (Slack Connect): the user object of
 * users.info and the channel object of conversations.info, as seen by one installation of the app,
 * and the answer a person gets for a command their workspace does not have. Pure: the stand-in
 * (slack-stand-in.ts) decides who asks and what they may see.
 */

/** Slackbot, who answers a command nobody installed: Slack's own user id for it. */
export const SLACKBOT_USER_ID = 'USLACKBOT';

/**
 * What Slackbot tells someone who types a command their workspace does not have, only to them.
 * Slash commands and message actions "are limited only to the team that has installed the app to
 * their team workspace; another team must install the app independently in order to be able to use
 * them" (docs.slack.dev/apis/slack-connect, "Slash commands are not shared"). A partner's member who
 * types one gets "/<command> is not a valid command." (slackapi/bolt-python issue #767, reported
 * from a shared channel); the rest is the sentence Slack's clients add to it.
 */
export function notAValidCommand(command: string): string {
  return (
    `${command} is not a valid command. In Slack, all messages that start with the "/" character ` +
    'are interpreted as commands. If you are trying to send a message and not run a command, try ' +
    'preceding the "/" with an empty space.'
  );
}

export type FakeUser = {
  id: string;
  name?: string;
  team_id?: string;
  is_bot?: boolean;
  deleted?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
  tz?: string;
  real_name?: string;
  title?: string;
  /** What users.info reports with include_locale; en-US if unset. */
  locale?: string;
};

/** A channel: its workspaces, the first its host (Slack Connect: the one that shared it). */
export type FakeChannel = {
  id: string;
  name: string;
  isPrivate?: boolean;
  /** Every workspace the channel is in, the host first; just the stand-in's own if unset. */
  teams?: string[];
};

/**
 * A user as users.info returns them to an installation of `askingTeam` (the shape of Slack's
 * example, web-api/openapi-examples/users.info.ok.json).
 *
 * Someone of another workspace (Slack Connect) comes without `tz`, `tz_label`, `tz_offset` and
 * `locale`: users.info says "the composition of user objects can vary greatly … getting data for a
 * user connected through Slack Connect" (docs.slack.dev/reference/methods/users.info, "Profile"), and
 * Rapport must not count on a partner's zone (issue 15, point 7), so the stand-in shows the least
 * Slack may show. `is_stranger` is true for someone of another workspace "who isn't in any shared
 * channels visible to your app" (the user object's `is_stranger`, api.slack.com/types/user).
 */
export function userObject(
  user: FakeUser,
  context: { askingTeam: string; ownTeam: string; isStranger: boolean; withLocale: boolean },
): Record<string, unknown> {
  const team = user.team_id ?? context.ownTeam;
  const external = team !== context.askingTeam;
  const name = user.name ?? user.id.toLowerCase();
  const realName = user.real_name ?? user.name ?? user.id;
  const zone = user.tz ?? 'Europe/Berlin';
  return {
    color: '9f69e7',
    has_2fa: false,
    is_app_user: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    ...(external ? {} : { tz: zone, tz_label: zone, tz_offset: 0 }),
    ...(!external && context.withLocale ? { locale: user.locale ?? 'en-US' } : {}),
    ...(external && context.isStranger ? { is_stranger: true } : {}),
    updated: 1502138686,
    id: user.id,
    name,
    real_name: realName,
    profile: {
      avatar_hash: 'ge3b51ca72de',
      display_name: user.name ?? '',
      display_name_normalized: user.name ?? '',
      real_name: realName,
      real_name_normalized: realName,
      title: user.title ?? '',
      status_emoji: '',
      status_text: '',
      team,
    },
    team_id: team,
    is_bot: user.is_bot ?? false,
    deleted: user.deleted ?? false,
    is_admin: user.is_admin ?? false,
    is_owner: user.is_owner ?? false,
  };
}

/**
 * A channel as conversations.info returns it to an installation of `askingTeam`, with the Slack
 * Connect fields of web-api/java-samples/conversations.info.json: `is_ext_shared`, `shared_team_ids`
 * (every workspace it is in), `connected_team_ids` (the others), `internal_team_ids` (the asker's
 * side), `conversation_host_id` (the workspace that shared it) and `context_team_id` (the asker's).
 */
export function channelObject(
  channel: FakeChannel,
  context: { askingTeam: string; ownTeam: string; isMember: boolean },
): Record<string, unknown> {
  const teams = channel.teams ?? [context.ownTeam];
  const shared = teams.length > 1;
  return {
    id: channel.id,
    name: channel.name,
    name_normalized: channel.name,
    is_channel: !channel.isPrivate,
    is_group: channel.isPrivate === true,
    is_im: false,
    is_mpim: false,
    is_private: channel.isPrivate === true,
    is_archived: false,
    is_general: channel.name === 'general',
    created: 1700000000,
    creator: '',
    is_member: context.isMember,
    is_shared: shared,
    is_ext_shared: shared,
    is_org_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: context.askingTeam,
    conversation_host_id: teams[0],
    ...(shared
      ? {
          shared_team_ids: teams,
          internal_team_ids: [context.askingTeam],
          connected_team_ids: teams.filter((t) => t !== context.askingTeam),
        }
      : {}),
  };
}
