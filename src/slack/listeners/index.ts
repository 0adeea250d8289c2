import type { App } from '@slack/bolt';
import type { KudosService } from '../../kudos/kudos-service.js';
import type { RitualsService } from '../../rituals/rituals-service.js';
import type { StandupService } from '../../standups/standup-service.js';
import type { ActionItemsService } from '../../retros/action-items.js';
import type { DebriefService } from '../../retros/debriefs.js';
import type { RetroService } from '../../retros/retro-service.js';
import { registerRetroActions } from './actions/retro.js';
import { registerRetroCommand } from './commands/retro.js';
import { registerRetroViews } from './views/retro.js';
import type { Logger } from '../../logger.js';
import type { Directory } from '../../people/directory.js';
import type { Background } from '../background.js';
import { registerCheckinCommand } from './commands/checkin.js';
import { registerKudosCommand } from './commands/kudos.js';
import { registerStandupActions } from './actions/standup.js';
import { registerRitualActions } from './actions/rituals.js';
import { registerRitualsCommand } from './commands/rituals.js';
import { registerMembershipEvents } from './events/membership.js';
import { registerReactionEvents } from './events/reactions.js';
import { registerUserChangeEvent } from './events/user-change.js';
import { describeRequestMiddleware } from './middleware/describe-request.js';
import type { CharterService } from '../../charter/charter-service.js';
import type { DecisionsService } from '../../decisions/decisions-service.js';
import { registerCharterActions } from './actions/charter.js';
import { registerCharterCommand } from './commands/charter.js';
import { registerDecisionsCommand } from './commands/decisions.js';
import { registerDecisionShortcut } from './shortcuts/decisions.js';
import { registerCharterView } from './views/charter.js';
import { registerDecisionView } from './views/decisions.js';
import { registerRitualSettingsView } from './views/rituals.js';
import { registerStandupViews } from './views/standup.js';

export type ListenerDeps = {
  kudos: KudosService;
  rituals: RitualsService;
  standups: StandupService;
  directory: Directory;
  background: Background;
  log: Logger;
  /** Runs the scheduler now (a tick, then delivery), for `/rituals run`. */
  runNow: () => Promise<void>;
  retros: RetroService;
  actionItems: ActionItemsService;
  debriefs: DebriefService;
  charter: CharterService;
  decisions: DecisionsService;
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
  registerUserChangeEvent(app, deps);
  registerRitualSettingsView(app, deps);
  registerRitualActions(app, deps);
  registerMembershipEvents(app, deps);
  registerRetroCommand(app, deps);
  registerRetroActions(app, deps);
  registerRetroViews(app, deps);
  registerCharterCommand(app, deps);
  registerCharterView(app, deps);
  registerCharterActions(app, deps);
  registerDecisionsCommand(app, deps);
  registerDecisionShortcut(app, deps);
  registerDecisionView(app, deps);
}
