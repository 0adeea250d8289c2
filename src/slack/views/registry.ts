import type { CharterViews } from '../../charter/charter-views.js';
import type { CreditViews } from '../../credits/credit-views.js';
import type { GiveViews } from '../../gives/give-views.js';
import type { OutboxFile } from '../../db/repos/outbox.js';
import type { DecisionViews } from '../../decisions/decision-views.js';
import type { HealthFiles, HealthViews } from '../../health/health-views.js';
import type { KudosViews } from '../../kudos/kudos-views.js';
import type { PulseViews } from '../../pulse/pulse-views.js';
import type { RetroViews } from '../../retros/retro-views.js';
import type { ReviewViews } from '../../reviews/review-views.js';
import type { PairsViews } from '../../pairs/pairs-views.js';
import { pairsChannelIntro, pairsCheck, pairsIntro } from './pairs/messages.js';
import { pairsSkillsIntro } from './pairs/skills.js';
import type { PlaybookViews } from '../../rituals/playbook-views.js';
import { playbookApplied, playbookDebrief } from './rituals/playbook.js';
import type { StandupViews } from '../../standups/standup-views.js';
import type { EscalationViews } from '../../escalations/escalation-views.js';
import type { PrivacyFiles, PrivacyViews } from '../../privacy/privacy-views.js';
import { withFormerMembers } from './former-members.js';
import { myDataDm } from './privacy/my-data.js';
import { escalationNotPosted, escalationOwnerDm, escalationSummary } from './escalations/messages.js';
import { RapportError } from '../../errors.js';
import type { SlackMessage } from './blocks.js';
import { charterMessage } from './charter/message.js';
import { charterNotPosted, charterUnchanged } from './charter/replies.js';
import { charterReviewMessage } from './charter/review.js';
import { creditAnsweredDm, creditRequestDm } from './credits/dm.js';
import { creditMessage } from './credits/message.js';
import { giveAnsweredDm, giveRequestDm } from './gives/dm.js';
import { decisionMessage, reviewReminder } from './decisions/message.js';
import { decisionNotPosted } from './decisions/replies.js';
import { digestMessage } from './health/digest.js';
import { reportPost } from './health/report.js';
import { kudosAnnouncement } from './kudos/announcement.js';
import { kudosDm, kudosDms } from './kudos/dm.js';
import { announcementFailed } from './kudos/replies.js';
import { pulsePrompt } from './pulse/prompt.js';
import { pulseResults } from './pulse/results.js';
import { retroMessage, retroSummary } from './retros/message.js';
import { reviewPack } from './reviews/pack.js';
import { reviewPrompt } from './reviews/prompt.js';
import { actionAdded, actionReminder, debriefMessage } from './retros/replies.js';
import { standupDaySummary, standupHeader } from './standups/day-header.js';
import { checkinReply, standupPrompt } from './standups/messages.js';

/** A reply the edge has already drawn (a listener's private note to the person who acted). */
export type EdgeViews = { reply: SlackMessage };

/** Every view a message in the outbox may name, with the data it takes. */
type MessageViews = EdgeViews &
  KudosViews &
  StandupViews &
  RetroViews &
  PulseViews &
  CharterViews &
  DecisionViews &
  CreditViews &
  GiveViews &
  HealthViews &
  ReviewViews &
  PlaybookViews &
  PairsViews &
  EscalationViews &
  PrivacyViews;

type Renderers<Views> = { [V in keyof Views]: (data: Views[V]) => SlackMessage & Record<string, unknown> };

/** How each view is drawn: the rituals say what, these say how it looks in Slack. */
const messages: Renderers<MessageViews> = {
  reply: (m) => m,
  'kudos.announcement': (d) => ({ ...kudosAnnouncement(d), unfurl_links: false }),
  'kudos.announcement-failed': (d) => announcementFailed(d.recipientIds),
  'kudos.dm': (d) => kudosDm(d.kudos, d.secondOf),
  'kudos.dms': (d) => kudosDms(d.items),
  'standups.prompt': standupPrompt,
  'standups.header': (d) => standupHeader(d.localDate),
  'standups.summary': standupDaySummary,
  'standups.checkin': checkinReply,
  'retros.message': retroMessage,
  'retros.summary': retroSummary,
  'retros.action-added': (d) => actionAdded(d.item, d.createdBy),
  'retros.action-reminder': actionReminder,
  'retros.debrief': debriefMessage,
  'pulse.prompt': pulsePrompt,
  'pulse.results': pulseResults,
  'reviews.prompt': reviewPrompt,
  'playbooks.applied': playbookApplied,
  'playbooks.debrief': playbookDebrief,
  'reviews.pack': (d) => ({ ...reviewPack(d), unfurl_links: false }),
  'pairs.intro': pairsIntro,
  'pairs.check': pairsCheck,
  'pairs.channel-intro': pairsChannelIntro,
  'pairs.skills-intro': pairsSkillsIntro,
  'escalations.summary': escalationSummary,
  'escalations.owner-dm': escalationOwnerDm,
  'escalations.not-posted': (d) => escalationNotPosted(d.channelId),
  'privacy.my-data': myDataDm,
  'charter.message': charterMessage,
  'charter.not-posted': (d) => charterNotPosted(d.channelId, d.version),
  'charter.unchanged': (d) => charterUnchanged(d.channelId, d.version),
  'charter.review': charterReviewMessage,
  'decisions.message': decisionMessage,
  'decisions.review': reviewReminder,
  'decisions.not-posted': decisionNotPosted,
  'credits.message': (d) => creditMessage(d.credit, d.contributors),
  'credits.request-dm': (d) => creditRequestDm(d.credit, d.contributor),
  'credits.answered-dm': (d) => creditAnsweredDm(d.credit, d.contributor),
  'gives.request-dm': (d) => giveRequestDm(d.give, d.receiver),
  'gives.answered-dm': (d) => giveAnsweredDm(d.give, d.receiver),
  'health.report': (d) => reportPost(d),
  'health.digest': (d) => ({
    ...digestMessage(d.digest, { chartInThread: d.chartInThread }),
    unfurl_links: false,
  }),
};

const files: {
  [V in keyof (HealthFiles & PrivacyFiles)]: (data: (HealthFiles & PrivacyFiles)[V]) => OutboxFile;
} = {
  'health.chart': (file) => file,
  'health.report-file': (file) => file,
  'privacy.my-data-file': (file) => file,
};

const has = <T extends object>(table: T, key: string): key is Extract<keyof T, string> =>
  Object.prototype.hasOwnProperty.call(table, key);

/** Draws a queued message; a view nobody knows is a permanent failure of that entry. */
export function renderMessage(view: string, data: unknown): SlackMessage & Record<string, unknown> {
  if (!has(messages, view)) throw new RapportError('unknown_view', `no view named ${view}`);
  // An erased person's pseudonym reads "a former member" in every message (src/privacy).
  return withFormerMembers((messages[view] as (d: unknown) => SlackMessage & Record<string, unknown>)(data));
}

export function renderFile(view: string, data: unknown): OutboxFile {
  if (!has(files, view)) throw new RapportError('unknown_view', `no file view named ${view}`);
  return files[view](data as OutboxFile);
}
