import {
  type CommandFields,
  type CommandOutcome,
  type SendOptions,
  SlackRequests as EmulatorRequests,
  type SlackStandIn,
  TEAM_ID,
} from '../../src/slack-emulator/index.js';

export const SIGNING_SECRET = 'test-signing-secret-4f2a9c1e7b';
export type { SendOptions };

/** A command as tests write it: /kudos in #general unless they say otherwise. */
type TestCommand = Omit<CommandFields, 'command' | 'channel_id' | 'channel_name'> &
  Partial<Pick<CommandFields, 'command' | 'channel_id'>>;

/** A view as an action or a submission names it. */
type ViewFields = { id: string; hash: string; callback_id: string; private_metadata: string };

/**
 * The emulator's signed requests (src/slack-emulator), with the tests' defaults: the tests' signing
 * secret, a command in #general, a button clicked on a prompt in a DM, a submitted stand-up modal.
 * Shapes, signing and sending are the emulator's; this only fills in what a test leaves out.
 */
export class SlackRequests extends EmulatorRequests {
  constructor(
    appUrl: string,
    private readonly stand: SlackStandIn,
  ) {
    super({ appUrl, signingSecret: SIGNING_SECRET, slack: stand });
  }

  override commandBody(fields: TestCommand): string {
    return super.commandBody(withDefaults(fields));
  }

  override command(fields: TestCommand, options?: SendOptions): Promise<Response> {
    return super.command(withDefaults(fields), options);
  }

  override slashCommand(fields: TestCommand, options?: SendOptions): Promise<CommandOutcome> {
    return super.slashCommand(withDefaults(fields), options);
  }

  /** A click on a button in a message the app posted (a DM by default). */
  blockAction(fields: {
    user_id: string;
    action_id: string;
    value: string;
    channel_id?: string;
    team_id?: string;
  }): Promise<Response> {
    const channel = fields.channel_id ?? 'D0DIRECT';
    return this.blockActions({
      user_id: fields.user_id,
      ...(fields.team_id ? { team_id: fields.team_id } : {}),
      action: buttonAction(fields.action_id, fields.value),
      where: {
        type: 'message',
        channel_id: channel,
        channel_name: 'directmessage',
        message: { type: 'message', ts: '1700000000.000001', text: 'prompt' },
      },
    });
  }

  /** A click on a button in the app's Home tab: the container is the home view, with no channel. */
  homeButton(fields: { user_id: string; action_id: string; value: string; team_id?: string }) {
    const teamId = fields.team_id ?? TEAM_ID;
    const view = { id: 'V0HOMETAB1', hash: '1700000000.home01', callback_id: '', private_metadata: '' };
    return this.blockActions({
      user_id: fields.user_id,
      ...(fields.team_id ? { team_id: fields.team_id } : {}),
      action: buttonAction(fields.action_id, fields.value),
      where: { type: 'view', view: viewAsSent(teamId, 'home', view, {}) },
    });
  }

  /** A choice in a select menu inside an open modal: the payload carries the view and its state. */
  viewBlockAction(fields: {
    user_id: string;
    action_id: string;
    block_id: string;
    selected_value: string;
    view: ViewFields;
    values?: Record<string, Record<string, Record<string, unknown>>>;
    team_id?: string;
  }): Promise<Response> {
    const teamId = fields.team_id ?? TEAM_ID;
    return this.blockActions({
      user_id: fields.user_id,
      ...(fields.team_id ? { team_id: fields.team_id } : {}),
      action: {
        type: 'static_select',
        action_id: fields.action_id,
        block_id: fields.block_id,
        selected_option: {
          text: { type: 'plain_text', text: fields.selected_value },
          value: fields.selected_value,
        },
      },
      where: { type: 'view', view: viewAsSent(teamId, 'modal', fields.view, fields.values ?? {}) },
    });
  }

  /**
   * A modal's submission. Tests name the callback_id, private_metadata and `values` as Slack puts
   * them (state.values[block_id][action_id]); the rest of the view is a stand-up modal's.
   */
  override viewSubmission(
    fields:
      | Parameters<EmulatorRequests['viewSubmission']>[0]
      | {
          user_id: string;
          callback_id: string;
          private_metadata: string;
          // Each input as Slack reports it: `value`, `selected_option`, `selected_users`, … by type.
          values: Record<
            string,
            Record<string, { type: string; value?: string | null } & Record<string, unknown>>
          >;
          team_id?: string;
          /** The open modal's id; each modal Slack opens has its own. */
          view_id?: string;
        },
  ): Promise<Response> {
    if ('view' in fields) return super.viewSubmission(fields);
    // The emulator names the workspaces (team, view.team_id, app_installed_team_id) from who submits.
    return super.viewSubmission({
      user_id: fields.user_id,
      ...(fields.team_id ? { team_id: fields.team_id } : {}),
      view: {
        id: fields.view_id ?? 'V0MODAL01',
        type: 'modal',
        callback_id: fields.callback_id,
        private_metadata: fields.private_metadata,
        state: { values: fields.values },
        hash: '1700000000.abcdef',
        title: { type: 'plain_text', text: 'Stand-up' },
        blocks: [],
      },
    });
  }

  /**
   * A message shortcut on a message in #general by default; the message is a person's unless the
   * test says `user: null` with a `bot_id` (a bot's post, which has no author user).
   */
  override messageShortcut(fields: {
    user_id: string;
    callback_id: string;
    channel_id?: string;
    channel_name?: string;
    message: { ts: string; text?: string; user?: string | null; bot_id?: string; thread_ts?: string };
    team_id?: string;
  }): Promise<Response> {
    const teamId = fields.team_id ?? this.stand.teamOf(fields.user_id);
    const { message } = fields;
    return super.messageShortcut({
      user_id: fields.user_id,
      ...(fields.team_id ? { team_id: fields.team_id } : {}),
      callback_id: fields.callback_id,
      channel_id: fields.channel_id ?? 'C0GENERAL',
      channel_name: fields.channel_name ?? 'general',
      message: {
        type: 'message',
        ...(message.user === null ? {} : { user: message.user ?? 'U0SOMEONE' }),
        ...(message.bot_id ? { bot_id: message.bot_id } : {}),
        text: message.text ?? '',
        ts: message.ts,
        ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
        team: message.user ? this.stand.teamOf(message.user) : teamId,
      },
    });
  }
}

function withDefaults(fields: TestCommand): CommandFields {
  return {
    ...fields,
    command: fields.command ?? '/kudos',
    channel_id: fields.channel_id ?? 'C0GENERAL',
    channel_name: 'general',
  };
}

/** A clicked button as block_actions lists it. */
function buttonAction(actionId: string, value: string) {
  return {
    type: 'button',
    action_id: actionId,
    block_id: 'b1',
    text: { type: 'plain_text', text: 'Button' },
    value,
  };
}

/** A view (a modal, or the Home tab) as Slack sends it with an action taken inside it. */
function viewAsSent(
  teamId: string,
  type: 'modal' | 'home',
  view: ViewFields,
  values: Record<string, unknown>,
): Record<string, unknown> & { id: string } {
  return {
    id: view.id,
    team_id: teamId,
    type,
    callback_id: view.callback_id,
    private_metadata: view.private_metadata,
    state: { values },
    hash: view.hash,
    ...(type === 'modal' ? { title: { type: 'plain_text', text: 'Modal' } } : {}),
    blocks: [],
    root_view_id: view.id,
    previous_view_id: null,
    app_id: 'A0RAPPORT',
    bot_id: 'B0RAPPBOT',
  };
}

let eventClock = 1_700_000_000;

/** A reaction_added or reaction_removed event with increasing event_ts, as Slack orders them. */
export function reactionEvent(fields: {
  type?: 'reaction_added' | 'reaction_removed';
  user: string;
  item_user?: string;
  reaction?: string;
  channel?: string;
  ts?: string;
  event_ts?: string;
  itemType?: string;
}): Record<string, unknown> {
  eventClock += 1;
  return {
    type: fields.type ?? 'reaction_added',
    user: fields.user,
    item: {
      type: fields.itemType ?? 'message',
      channel: fields.channel ?? 'C0GENERAL',
      ts: fields.ts ?? '1700000000.000100',
    },
    reaction: fields.reaction ?? 'clap',
    item_user: fields.item_user,
    event_ts: fields.event_ts ?? `${eventClock}.000200`,
  };
}
