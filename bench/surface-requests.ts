import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { ACTIONS, COMMANDS, KUDOS, kudosBlockId } from '../src/slack/ids.js';
import { encodeKudosMetadata } from '../src/slack/views/kudos/modal.js';
import { encodeRef } from '../src/slack/views/standups/messages.js';
import type { SlackStandIn } from '../src/slack-emulator/index.js';
import { SlackRequests } from '../test/helpers/slack-request.js';
import { partnerIndex, type SignedRequest, signRequest } from './reaction-requests.js';

/**
 * The user requests of `npm run bench:surfaces`, one kind per surface Rapport listens on, built as
 * the tests build them (test/helpers/slack-request.ts: Slack's payload shapes) and signed as Slack
 * signs them. Every request is new to the app: a new trigger_id (recorded with the stand-in, so the
 * modal it opens is allowed), event_id, view id or form submission, and where the app stores
 * something, a new row: the app does its full work each time rather than finding a replay.
 */

const FORM = 'application/x-www-form-urlencoded';
const JSON_BODY = 'application/json';

export type Next = () => SignedRequest;

/**
 * The tests' request shapes (their defaults: a prompt's button in a DM, a submitted modal), with
 * what they would send kept instead: the bench signs each body and sends it on its own schedule.
 */
class KeptRequests extends SlackRequests {
  private kept: string | undefined;

  override post(body: string): Promise<Response> {
    this.kept = body;
    return Promise.resolve(new Response(null, { status: 204 }));
  }

  /** The body `build` would have sent (the emulator builds it before it sends). */
  bodyOf(build: (requests: this) => Promise<Response>): string {
    this.kept = undefined;
    void build(this);
    if (this.kept === undefined) throw new Error('the request builder sent nothing');
    return this.kept;
  }
}

export class SurfaceRequests {
  private readonly slack: SlackRequests;
  private readonly kept: KeptRequests;
  /** Tells apart this run's messages, views and event ids from any earlier run's. */
  private readonly runId = Date.now().toString(36).toUpperCase();

  constructor(
    fake: SlackStandIn,
    /** Where the setup requests (`send`) go: Rapport. */
    appUrl: string,
    private readonly signingSecret: string,
    /** People the stand-in knows; each request is from one of them, about another. */
    private readonly userIds: readonly string[],
  ) {
    if (userIds.length < 2) throw new Error('the surfaces need two people: pass at least two user ids');
    this.slack = new SlackRequests(appUrl, fake);
    this.kept = new KeptRequests(appUrl, fake);
  }

  /** Sends one command now, for setting up what a surface needs; resolves with the reply. */
  async send(command: string, text: string, channelId: string): Promise<Response> {
    const user = this.userIds[0] ?? '';
    return this.slack.command(
      { command, text, user_id: user, channel_id: channelId },
      { secret: this.signingSecret },
    );
  }

  /** `/kudos @someone for …`: a kudos from one person to another, stored with the command's trigger_id. */
  kudosCommand(channelId: string): Next {
    return this.each((n, giver, receiver) =>
      this.command(
        COMMANDS.kudos,
        `<@${receiver}|${receiver.toLowerCase()}> for review ${n}`,
        giver,
        channelId,
      ),
    );
  }

  /** `/checkin` in a stand-up's channel: the check-in modal, read from the database, opened by views.open. */
  checkinCommand(channelId: string): Next {
    return this.each((_n, user) => this.command(COMMANDS.checkin, '', user, channelId));
  }

  /** Opening the app's Home tab: a new event each time; the app draws the tab and publishes it. */
  homeOpened(): Next {
    return this.each((n, user) => {
      const body = this.slack.eventBody(
        { type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: `${Date.now() / 1000}` },
        { event_id: `Ev${this.runId}H${n.toString(36).toUpperCase()}` },
      );
      return signRequest(this.signingSecret, body, JSON_BODY);
    });
  }

  /**
   * "Skip today" on a stand-up prompt: each a different person and day (today, then earlier days
   * once everyone has skipped), so each stores a new skipped check-in.
   */
  standupSkip(ritualId: number): Next {
    const today = DateTime.utc().startOf('day');
    return this.each((n, user) => {
      const localDate = today.minus({ days: Math.floor(n / this.userIds.length) }).toISODate() ?? '';
      const body = this.kept.bodyOf((r) =>
        r.blockAction({
          user_id: user,
          action_id: ACTIONS.standupSkip,
          value: encodeRef({ ritualId, localDate }),
          channel_id: `D${user}`,
        }),
      );
      return signRequest(this.signingSecret, body, FORM);
    });
  }

  /** "Give kudos" on a message: the app opens its form by views.open. */
  kudosShortcut(channelId: string): Next {
    return this.each((n, user, author) => {
      const body = this.kept.bodyOf((r) =>
        r.messageShortcut({
          user_id: user,
          callback_id: KUDOS.shortcut,
          channel_id: channelId,
          message: { ts: this.messageTs(n), text: `Shipped part ${n}`, user: author },
        }),
      );
      return signRequest(this.signingSecret, body, FORM);
    });
  }

  /**
   * The "Give kudos" form submitted: a form the app opened (its own private_metadata, with a new
   * submission id) with one person picked and a reason; each stores a kudos.
   */
  kudosForm(channelId: string): Next {
    return this.each((n, giver, receiver) => {
      const body = this.kept.bodyOf((r) =>
        r.viewSubmission({
          user_id: giver,
          view_id: `V${this.runId}F${n.toString(36).toUpperCase()}`,
          callback_id: KUDOS.view,
          private_metadata: encodeKudosMetadata({
            channelId,
            messageTs: this.messageTs(n),
            submissionId: randomUUID(),
          }),
          values: {
            [kudosBlockId('recipients')]: {
              [KUDOS.input]: { type: 'multi_users_select', selected_users: [receiver] },
            },
            [kudosBlockId('reason')]: {
              [KUDOS.input]: { type: 'plain_text_input', value: `for shipping part ${n}` },
            },
          },
        }),
      );
      return signRequest(this.signingSecret, body, FORM);
    });
  }

  private command(command: string, text: string, user: string, channelId: string): SignedRequest {
    const body = this.slack.commandBody({ command, text, user_id: user, channel_id: channelId });
    return signRequest(this.signingSecret, body, FORM);
  }

  /** The nth request's builder gets the person it is from and another person it is about. */
  private each(build: (n: number, user: string, other: string) => SignedRequest): Next {
    let sent = 0;
    const people = this.userIds;
    return () => {
      const n = sent++;
      return build(n, people[n % people.length] ?? '', people[partnerIndex(n, people.length)] ?? '');
    };
  }

  /** A message ts of this run's, one per request. */
  private messageTs(n: number): string {
    return `${Math.floor(Date.now() / 1000)}.${String(n % 1_000_000).padStart(6, '0')}`;
  }
}
