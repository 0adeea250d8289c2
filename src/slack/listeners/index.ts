import type { App } from '@slack/bolt';
import type { KudosService } from '../../kudos/kudos-service.js';
import type { AuditService } from '../../audit/audit.js';
import type { RetentionService } from '../../retention/retention-service.js';
import type { PrivacyService } from '../../privacy/privacy-service.js';
import { registerPrivacyActions } from './actions/privacy.js';
import type { RitualsService } from '../../rituals/rituals-service.js';
import type { PulseService } from '../../pulse/pulse-service.js';
import type { StandupService } from '../../standups/standups-service.js';
import type { ActionItemsService } from '../../retros/action-items.js';
import type { DebriefService } from '../../retros/debriefs.js';
import type { RetroService } from '../../retros/retros-service.js';
import { registerRetroActions } from './actions/retros.js';
import { registerRetroCommand } from './commands/retros.js';
import { registerRetroViews } from './views/retros.js';
import type { Logger } from '../../logger.js';
import type { Directory } from '../../people/directory.js';
import type { Background } from '../background.js';
import type { Outbox } from '../outbox.js';
import type { RecordSets } from '../record-sets.js';
import type { PartnerNotices } from '../partner-notice.js';
import { registerCheckinCommand } from './commands/standups.js';
import { registerKudosCommand } from './commands/kudos.js';
import { registerPulseCommand } from './commands/pulse.js';
import { registerPulseActions } from './actions/pulse.js';
import { registerPulseView } from './views/pulse.js';
import { registerStandupActions } from './actions/standups.js';
import { registerRitualActions } from './actions/rituals.js';
import { registerRitualsCommand } from './commands/rituals.js';
import { registerMembershipEvents } from './events/rituals.js';
import { registerReactionEvents } from './events/kudos.js';
import { registerUserChangeEvent } from './events/people.js';
import { registerChannelSharingEvents } from './events/channels.js';
import { describeRequestMiddleware } from './middleware/describe-request.js';
import type { CharterService } from '../../charter/charter-service.js';
import type { DecisionsService } from '../../decisions/decisions-service.js';
import { registerCharterActions } from './actions/charter.js';
import { registerCharterCommand } from './commands/charter.js';
import { registerDecisionsCommand } from './commands/decisions.js';
import { registerDecisionShortcut } from './shortcuts/decisions.js';
import { registerKudosShortcut } from './shortcuts/kudos.js';
import { registerKudosView } from './views/kudos.js';
import { registerCharterView } from './views/charter.js';
import { registerDecisionView } from './views/decisions.js';
import { registerRitualSettingsView } from './views/rituals.js';
import { registerStandupViews } from './views/standups.js';
import type { Clock } from '../../clock.js';
import type { HomeService } from '../../home/home-service.js';
import { registerAppHomeEvent } from './events/home.js';
import { registerHomeActions } from './actions/home.js';
import type { HealthService } from '../../health/health-service.js';
import { registerHealthCommand } from './commands/health.js';
import { registerChannelMessageEvents } from './events/messages.js';
import type { ResponsivenessService } from '../../health/responsiveness-service.js';
import type { ReviewsService } from '../../reviews/reviews-service.js';
import type { PairsService } from '../../pairs/pairs-service.js';
import { registerPairsActions } from './actions/pairs.js';
import { registerPairsCommand } from './commands/pairs.js';
import { registerPairsViews } from './views/pairs.js';
import { registerReviewActions } from './actions/reviews.js';
import { registerReviewView } from './views/reviews.js';
import type { PlaybookService } from '../../rituals/playbook-service.js';
import type { ImpactReports } from '../../health/impact-report.js';
import { registerPlaybookListeners } from './views/playbooks.js';
import type { CreditsService } from '../../credits/credits-service.js';
import type { GivesService } from '../../gives/gives-service.js';
import { registerGiveActions } from './actions/gives.js';
import { registerHealthActions } from './actions/health.js';
import { registerGaveCommand } from './commands/gives.js';
import { registerGiveShortcut } from './shortcuts/gives.js';
import { registerGiveView } from './views/gives.js';
import { registerCreditActions } from './actions/credits.js';
import { registerCreditCommand } from './commands/credits.js';
import { registerCreditShortcut } from './shortcuts/credits.js';
import { registerCreditViews } from './views/credits.js';
import { registerTimeZoneActions } from './actions/time-zone.js';
import { registerTimeZoneView } from './views/time-zone.js';
import type { EscalationsService } from '../../escalations/escalations-service.js';
import { registerEscalateCommand } from './commands/escalations.js';
import { registerEscalateShortcut } from './shortcuts/escalations.js';
import { registerEscalationActions } from './actions/escalations.js';
import { registerEscalationViews } from './views/escalations.js';
import { registerRapportCommand } from './commands/rapport.js';
import { rapportSubcommands } from './commands/rapport/index.js';

export type ListenerDeps = {
  kudos: KudosService;
  rituals: RitualsService;
  standups: StandupService;
  pulse: PulseService;
  directory: Directory;
  background: Background;
  /** The one way out: everything the app says in Slack beyond a reply to whoever acted. */
  outbox: Outbox;
  log: Logger;
  /** Runs the scheduler now (a tick, then delivery), for `/rituals run`. */
  runNow: () => Promise<void>;
  retros: RetroService;
  actionItems: ActionItemsService;
  debriefs: DebriefService;
  charter: CharterService;
  decisions: DecisionsService;
  home: HomeService;
  health: HealthService;
  /** `/health responsiveness`, and the channel messages it records the metadata of while on. */
  responsiveness: ResponsivenessService;
  /** A review's answers before it; its pack's outcome buttons. */
  reviews: ReviewsService;
  /** `/pairs`, and the buttons of the channel's pairs and of each group. */
  pairs: PairsService;
  /** `/rituals playbook`: its plan, and setting it up once confirmed. */
  playbooks: PlaybookService;
  /** `/health report`: the impact report, posted as a file. */
  reports: ImpactReports;
  clock: Clock;
  credits: CreditsService;
  gives: GivesService;
  /** `/escalate`, "Escalate this", Resolve and their forms. */
  escalations: EscalationsService;
  /** Which record set a request belongs to: a shared channel's own, or its workspace's. */
  records: RecordSets;
  /** What a shared channel is told about an organisation in it that has not installed Rapport. */
  partners: PartnerNotices;
  /** `/rapport audit`: the latest changes to how Rapport runs, for admins. */
  audit: AuditService;
  /** `/rapport retention`: how long what is kept, and the last daily erasure, for admins. */
  retention: RetentionService;
  /** `/rapport my-data` and `/rapport forget-me`, its button, and erasing deactivated members. */
  privacy: PrivacyService;
};

/** Every Slack surface Rapport listens on, each a thin adapter onto a domain service. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  app.use(describeRequestMiddleware);
  registerKudosCommand(app, deps);
  registerRitualsCommand(app, deps);
  registerCheckinCommand(app, deps);
  registerStandupActions(app, deps);
  registerStandupViews(app, deps);
  registerReactionEvents(app, deps);
  registerChannelMessageEvents(app, deps);
  registerUserChangeEvent(app, deps);
  registerRitualSettingsView(app, deps);
  registerRitualActions(app, deps);
  registerMembershipEvents(app, deps);
  registerChannelSharingEvents(app, deps);
  registerPulseCommand(app, deps);
  registerPulseActions(app, deps);
  registerPulseView(app, deps);
  registerRetroCommand(app, deps);
  registerRetroActions(app, deps);
  registerRetroViews(app, deps);
  registerCharterCommand(app, deps);
  registerCharterView(app, deps);
  registerCharterActions(app, deps);
  registerDecisionsCommand(app, deps);
  registerDecisionShortcut(app, deps);
  registerDecisionView(app, deps);
  registerAppHomeEvent(app, deps);
  registerHomeActions(app, deps);
  registerCreditCommand(app, deps);
  registerCreditShortcut(app, deps);
  registerCreditViews(app, deps);
  registerCreditActions(app, deps);
  registerGaveCommand(app, deps);
  registerGiveShortcut(app, deps);
  registerGiveView(app, deps);
  registerGiveActions(app, deps);
  registerKudosShortcut(app, deps);
  registerKudosView(app, deps);
  registerHealthCommand(app, deps);
  registerReviewActions(app, deps);
  registerPairsCommand(app, deps);
  registerPairsActions(app, deps);
  registerPairsViews(app, deps);
  registerReviewView(app, deps);
  registerPlaybookListeners(app, deps);
  registerHealthActions(app, deps);
  registerTimeZoneActions(app, deps);
  registerTimeZoneView(app, deps);
  registerEscalateCommand(app, deps);
  registerEscalateShortcut(app, deps);
  registerEscalationActions(app, deps);
  registerEscalationViews(app, deps);
  registerPrivacyActions(app, deps);
  registerRapportCommand(app, deps, rapportSubcommands(deps));
}
