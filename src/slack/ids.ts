/** Every slash command, action_id, callback_id and block_id Rapport uses, in one place. */
export const COMMANDS = {
  kudos: '/kudos',
  rituals: '/rituals',
  checkin: '/checkin',
  pulse: '/pulse',
} as const;

export const ACTIONS = {
  standupAnswer: 'standup_answer',
  standupSkip: 'standup_skip',
} as const;

export const VIEWS = {
  standupCheckin: 'standup_checkin',
} as const;

/** Block ids of the check-in modal: one per question, by position. */
export const checkinBlockId = (index: number) => `question_${index}`;
export const CHECKIN_INPUT = 'answer';

// Ritual settings
export const RITUAL_SETTINGS = {
  /** The settings modal's callback_id. */
  view: 'ritual_settings',
  /** The modal's first block: a new ritual, or which of the channel's rituals to edit. */
  pick: 'ritual_settings_pick',
  pickBlock: 'ritual_settings_pick_block',
  /** The Edit button on each line of `/rituals list`. */
  edit: 'ritual_edit',
  /** The kind select: choosing another kind redraws the form with that kind's fields. */
  kind: 'ritual_settings_kind',
  /** Every other input's action_id: the block says which field it is. */
  input: 'value',
} as const;

export type RitualSettingsBlock =
  | 'kind'
  | 'days'
  | 'cadence'
  | 'time'
  | 'zone_mode'
  | 'zone'
  | 'questions'
  | 'participants'
  | 'close'
  | 'reminder';

/**
 * The block_id of a settings field in the form for one ritual ("new" for a new one). Slack keeps
 * what was typed into a block whose id stays the same across views.update, so each ritual's form
 * has ids of its own, or switching rituals would show the previous one's values.
 */
export const ritualSettingsBlockId = (field: RitualSettingsBlock, form: number | 'new', kind?: string) =>
  kind ? `ritual_${field}_${form}_${kind}` : `ritual_${field}_${form}`;

// Charter and decisions
export const CHARTER = {
  command: '/charter',
  /** The charter form's callback_id. */
  view: 'charter_form',
  /** The Edit button under the charter `/charter` shows. */
  edit: 'charter_edit',
  /** The governance review's buttons: the decision rights and levels stand, or open the form. */
  reviewConfirm: 'charter_review_confirm',
  reviewRevise: 'charter_review_revise',
  /** Every input's action_id: the block says which part of the charter it is. */
  input: 'value',
} as const;

/** The block_id of one part of the charter form. */
export const charterBlockId = (field: string) => `charter_${field}`;

export const DECISIONS = {
  command: '/decisions',
  /** The message shortcut "Log a decision" (manifest.json features.shortcuts). */
  shortcut: 'log_decision',
  /** The decision form's callback_id. */
  view: 'decision_form',
  /** The Edit button on a posted decision. */
  edit: 'decision_edit',
  input: 'value',
} as const;

export type DecisionFormBlock = 'decision' | 'owner' | 'rationale' | 'consulted' | 'review';
export const decisionBlockId = (field: DecisionFormBlock) => `decision_${field}`;

// Retros
export const RETRO = {
  command: '/retro',
  /** The button on the retro message that opens the note form. */
  addNote: 'retro_add_note',
  /** The note form's callback_id. */
  noteView: 'retro_note_form',
  /** Edit and Delete beside each of one's own notes (`/retro mine`). */
  editNote: 'retro_edit_note',
  deleteNote: 'retro_delete_note',
  /** The button on the summary that opens the action item form, and the form's callback_id. */
  addAction: 'retro_add_action',
  actionView: 'retro_action_form',
  /** Done beside an open action item. */
  actionDone: 'retro_action_done',
  /** Mark done on an item's reminder DM: its owner marks it done from there. */
  reminderDone: 'retro_reminder_done',
  debriefView: 'retro_debrief_form',
  /** Every input's action_id: the block says which field it is. */
  input: 'value',
} as const;

export type RetroFormBlock =
  'category' | 'note' | 'share' | 'owner' | 'action' | 'due' | 'project' | 'lessons' | 'assets';
export const retroBlockId = (field: RetroFormBlock) => `retro_${field}`;

// Pulse checks
export const PULSE = {
  /** The Answer button on a pulse check's DM. */
  answer: 'pulse_answer',
  /** The survey modal's callback_id. */
  view: 'pulse_survey',
  /** Every input's action_id: the block says which statement it is. */
  input: 'value',
  commentBlock: 'pulse_comment',
} as const;

/** The block_id of a statement's scale in the survey, by position. */
export const pulseStatementBlockId = (index: number) => `pulse_statement_${index}`;

// The Home tab
export const HOME = {
  /** Done on one of the person's open action items. */
  actionDone: 'home_action_done',
  /** The switch for DMs about kudos received: its value is what it turns them to, "on" or "off". */
  kudosDms: 'home_kudos_dms',
} as const;

// Credit attribution
export const CREDITS = {
  command: '/credit',
  /** The message shortcut "Give credit for this" (manifest.json features.shortcuts). */
  shortcut: 'give_credit',
  /** The credit form's callback_id. */
  view: 'credit_form',
  /** The people picker of the credit form: choosing redraws one contribution row per person. */
  people: 'credit_people',
  /**
   * A contributor's answers, on their DM and on the Home tab. Each button's value is the
   * contributor row's id (`creditAnswerButtons`); the handlers need nothing else.
   */
  confirm: 'credit_confirm',
  correct: 'credit_correct',
  decline: 'credit_decline',
  /** The small form in which a contributor rewords their own contribution. */
  correctView: 'credit_correct_form',
  /** Every other input's action_id: the block says which field it is. */
  input: 'value',
} as const;

export type CreditFormBlock = 'deliverable' | 'link' | 'people' | 'correction';
export const creditBlockId = (field: CreditFormBlock) => `credit_${field}`;
/** The block_id of one person's contribution row in the credit form. */
export const creditContributionBlockId = (userId: string) => `credit_contribution_${userId}`;

// Kudos
export const KUDOS = {
  /** The message shortcut "Give kudos" (manifest.json features.shortcuts). */
  shortcut: 'give_kudos',
  /** The "Give kudos" form's callback_id. */
  view: 'give_kudos_form',
  /** Every input's action_id: the block says which field it is. */
  input: 'value',
} as const;

export const kudosBlockId = (field: 'recipients' | 'reason') => `kudos_${field}`;

// Alliance health
export const HEALTH = {
  command: '/health',
  /** "About these numbers" on the digest and /health: each metric's definition, in a modal. */
  about: 'health_about',
} as const;

// A person's time zone
export const TIME_ZONE = {
  /** "Set my time zone" (a prompt) and "Change" (the Home tab): opens the form. */
  open: 'time_zone_open',
  /** The form's callback_id. */
  view: 'time_zone_form',
  pickBlock: 'time_zone_pick',
  typedBlock: 'time_zone_typed',
  input: 'value',
} as const;

export const GIVES = {
  command: '/gave',
  /** The message shortcut "Log what we gave" (manifest.json features.shortcuts). */
  shortcut: 'log_give',
  /** The give form's callback_id, and its fields' action_id. */
  view: 'give_form',
  input: 'give_input',
  /**
   * A receiver's answers on their DM. Each button's value is the receiver row's id; the handlers
   * check that the person clicking is the one it went to.
   */
  confirm: 'give_confirm',
  adjust: 'give_adjust',
  notHelpful: 'give_not_helpful',
  /** The receiver's Adjust form's callback_id. */
  adjustView: 'give_adjust_form',
} as const;
export type GiveFormBlock = 'people' | 'what' | 'kind' | 'worth' | 'adjusted';
export const giveBlockId = (field: GiveFormBlock) => `give_${field}`;

// Reviews
export const REVIEWS = {
  /** The button on a review's DM that opens the answer form; its value is "<ritual id>:<review date>". */
  answer: 'review_answer',
  /** The answer form's callback_id, and its inputs' action_id. */
  view: 'review_answer_form',
  input: 'value',
  /** On the review pack: log an outcome as a decision (linked to the pack), or as an action item. */
  logDecision: 'review_log_decision',
  addAction: 'review_add_action',
} as const;
export const reviewBlockId = (field: string) => `review_${field}`;

// Playbooks
export const PLAYBOOKS = {
  /** The confirmation form of `/rituals playbook <name>`: what it will create, and Set it up. */
  view: 'playbook_confirm',
  /** The button on a project's debrief prompt that opens the debrief form. */
  debrief: 'playbook_debrief',
} as const;

export const PAIRS = {
  command: '/pairs',
  /** On the channel's introduction of its pairs: join or leave them. Value: the channel's id. */
  join: 'pairs_join',
  leave: 'pairs_leave',
  /** On a group's "Did you meet?": value "<ritual id>:<round date>:<group number>". */
  met: 'pairs_met',
  /** `/pairs skills`: the skills form's callback_id, and its fields' action_id. */
  skillsView: 'pairs_skills_form',
  skillsInput: 'value',
} as const;
/** The skills form's blocks: `offers`, `offersOther`, `wants`, `wantsOther`. */
export const pairsSkillsBlockId = (field: string) => `pairs_skills_${field}`;

// Escalations (issue 19, point 4)
export const ESCALATIONS = {
  command: '/escalate',
  /** The message shortcut "Escalate this" (manifest.json features.shortcuts). */
  shortcut: 'escalate_message',
  /** The raise form's callback_id. */
  view: 'escalation_form',
  /** Resolve, on the summary and the owners' DMs; value: the escalation's id. */
  resolve: 'escalation_resolve',
  /** The resolve form's callback_id. */
  resolveView: 'escalation_resolve_form',
  input: 'value',
} as const;
export const escalationBlockId = (field: string) => `escalation_${field}`;

/** `/rapport`: Rapport itself, a person's own data, and the admins' settings (listeners/commands/rapport). */
export const RAPPORT = {
  command: '/rapport',
  /** `/rapport forget-me`'s danger button (its value: the member an admin erases, or '' for oneself). */
  forgetMe: 'rapport_forget_me',
} as const;
