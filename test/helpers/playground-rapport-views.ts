import type { Surface } from '../../src/slack-emulator/index.js';
import { DEFAULT_STANDUP_QUESTIONS } from '../../src/rituals/kinds.js';
import { correctionModal, creditModal } from '../../src/slack/views/credits/modal.js';
import { creditAnswerButtons } from '../../src/slack/views/credits/buttons.js';
import { creditAnsweredDm, creditRequestDm } from '../../src/slack/views/credits/dm.js';
import { creditMessage } from '../../src/slack/views/credits/message.js';
import * as creditReplies from '../../src/slack/views/credits/replies.js';
import { charterModal } from '../../src/slack/views/charter/modal.js';
import { charterMessage } from '../../src/slack/views/charter/message.js';
import * as charterReplies from '../../src/slack/views/charter/replies.js';
import { decisionModal } from '../../src/slack/views/decisions/modal.js';
import { decisionMessage, reviewReminder } from '../../src/slack/views/decisions/message.js';
import * as decisionReplies from '../../src/slack/views/decisions/replies.js';
import { digestMessage } from '../../src/slack/views/health/digest.js';
import * as healthReplies from '../../src/slack/views/health/replies.js';
import { scorecardMessage } from '../../src/slack/views/health/scorecard.js';
import { homeView } from '../../src/slack/views/home/home.js';
import { kudosAnnouncement } from '../../src/slack/views/kudos/announcement.js';
import * as kudosBudget from '../../src/slack/views/kudos/budget.js';
import { kudosDm } from '../../src/slack/views/kudos/dm.js';
import { giveKudosModal } from '../../src/slack/views/kudos/modal.js';
import * as kudosReplies from '../../src/slack/views/kudos/replies.js';
import { pulseModal } from '../../src/slack/views/pulse/modal.js';
import { pulsePrompt } from '../../src/slack/views/pulse/prompt.js';
import { pulseResults } from '../../src/slack/views/pulse/results.js';
import { retroMessage, retroSummary } from '../../src/slack/views/retros/message.js';
import { actionModal, debriefModal, noteModal } from '../../src/slack/views/retros/modal.js';
import * as retroReplies from '../../src/slack/views/retros/replies.js';
import { ritualSettingsModal } from '../../src/slack/views/rituals/modal.js';
import * as ritualReplies from '../../src/slack/views/rituals/replies.js';
import { standupDaySummary, standupHeader } from '../../src/slack/views/standups/day-header.js';
import { checkinModal, checkinReply, standupPrompt } from '../../src/slack/views/standups/messages.js';

import {
  ANA,
  BEN,
  CY,
  LAUNCH,
  NOW,
  actionItem,
  charterText,
  charterVersion,
  contributor,
  credit,
  daySummary,
  debrief,
  decision,
  digest,
  home,
  kudos,
  listedCredit,
  long,
  many,
  note,
  ownNote,
  period,
  person,
  personCredit,
  retro,
  ritualRow,
  ritualView,
  settings,
  statements,
} from './playground-rapport-data.js';

export { CHANNELS, PEOPLE } from './playground-rapport-data.js';

/**
 * Every message and view Rapport builds, from realistic data and from data at the limits Rapport's
 * own tests push (thousands of notes, people and comments, texts at their maximum length), for the
 * playground's drawing to draw and check. `shows` are texts the drawing must show.
 */
export type RapportView = {
  name: string;
  surface: Surface;
  blocks: unknown[];
  /** The whole view, for a modal or Home tab. */
  view?: Record<string, unknown>;
  shows: string[];
};

type Built = { text?: string; blocks: unknown[] } | { type: string; blocks: unknown[] };

function viewCase(name: string, built: Built, shows: string[]): RapportView {
  const view = built as Record<string, unknown> & { blocks: unknown[] };
  if ('type' in view && (view.type === 'modal' || view.type === 'home')) {
    return { name, surface: view.type, blocks: view.blocks, view, shows };
  }
  return { name, surface: 'message', blocks: view.blocks, shows };
}

export function rapportViews(): RapportView[] {
  const v = viewCase;
  return [
    // Kudos
    v(
      'kudos announcement',
      kudosAnnouncement({
        giverId: ANA,
        recipientIds: [BEN, CY],
        reason: 'for the <b>launch</b> & the docs',
        emoji: ['clap'],
        messageLink: 'https://example.slack.com/archives/C1/p1',
        dittoable: true,
      }),
      ['🎉', '@ana', 'gave kudos to', '@ben', 'this message'],
    ),
    v(
      'kudos announcement by command',
      kudosAnnouncement({ giverId: ANA, recipientIds: [BEN], reason: 'r', emoji: [], dittoable: false }),
      ['Say thanks with'],
    ),
    v('kudos DM', kudosDm(kudos('command')), ['gave you kudos in', '#launch']),
    v('kudos DM of a ditto', kudosDm(kudos('ditto'), CY), ['seconded', '@cy']),
    v(
      'over budget, none left',
      kudosBudget.overBudgetReply({
        budget: 5,
        used: 5,
        wanted: 1,
        resetsAt: new Date('2026-11-21T00:00:00Z'),
        now: NOW,
      }),
      ['You have 0 left'],
    ),
    v(
      'over budget, some left',
      kudosBudget.overBudgetReply({
        budget: 5,
        used: 3,
        wanted: 4,
        resetsAt: new Date('2026-11-21T00:00:00Z'),
        now: NOW,
      }),
      ['That would be 4 kudos'],
    ),
    v('no kudos budget', kudosBudget.kudosBudgetReply({ budget: null, usedToday: 0, resetsAt: NOW }), [
      'no daily kudos budget',
    ]),
    v('kudos budget', kudosBudget.kudosBudgetReply({ budget: 5, usedToday: 2, resetsAt: NOW }), [
      'You have 3 left today',
    ]),
    v('kudos budget changed', kudosBudget.kudosBudgetChanged(3), ['up to 3 kudos a day']),
    v(
      'give kudos form',
      giveKudosModal({
        channelId: LAUNCH,
        messageTs: '1.2',
        submissionId: 'abcdefgh-1',
        authorId: BEN,
        messageText: 'The <incident> doc & more',
      }),
      ['Who to thank', 'What for', 'multi_users_select'],
    ),
    v(
      'give kudos form without a message',
      giveKudosModal({ channelId: LAUNCH, messageTs: '1.2', submissionId: 'abcdefgh-1' }),
      ['Who to thank'],
    ),
    v('kudos help', kudosReplies.kudosHelp(['clap', 'tada']), ['Kudos', '👏 🎉']),
    v(
      'kudos summary at its limits',
      kudosReplies.kudosSummaryReply({
        receivedRecent: 1,
        receivedAll: 2,
        givenRecent: 3,
        givenAll: 4,
        latestReceived: many(3, () => ({
          giver_id: BEN,
          channel_id: LAUNCH,
          source: 'command' as const,
          reason: long(4000),
          emoji: null,
          created_at: NOW,
        })),
      }),
      ['Your kudos', 'Latest thanks to you'],
    ),
    v(
      'kudos summary, none yet',
      kudosReplies.kudosSummaryReply({
        receivedRecent: 0,
        receivedAll: 0,
        givenRecent: 0,
        givenAll: 0,
        latestReceived: [],
      }),
      ['No kudos yet'],
    ),
    v('kudos emoji', kudosReplies.kudosEmojiReply(['clap', 'tada'], true), ['now 👏']),
    v('kudos already recorded', kudosReplies.kudosAlreadyRecorded([BEN]), ['already recorded']),
    v('kudos announcement failed', kudosReplies.announcementFailed([BEN]), ['couldn&#39;t post them']),
    // Charter
    v('charter message', charterMessage(charterVersion(false)), [
      'Our working agreement',
      '🤝',
      'Launch Atlas in Q1 together',
    ]),
    v('charter message at its limits', charterMessage(charterVersion(true)), ['Our working agreement']),
    v(
      'charter shown',
      charterReplies.charterShown(charterVersion(false), {
        version: 3,
        savedBy: ANA,
        savedAt: NOW,
        changed: ['goal', 'roles'],
      }),
      ['Edit', 'Version 3'],
    ),
    v(
      'charter history',
      charterReplies.charterHistory(
        LAUNCH,
        many(15, (i) => ({ version: 20 - i, savedBy: ANA, savedAt: NOW, changed: ['goal'] })),
        40,
      ),
      ['Charter history of', 'earlier versions'],
    ),
    v('no charter', charterReplies.noCharter(), ['no charter yet']),
    v('charter help', charterReplies.charterHelp(), ['working agreement']),
    v('unknown charter command', charterReplies.unknownCharterCommand('<!channel> `x` & more'), [
      'I don&#39;t know',
    ]),
    v('charter unchanged', charterReplies.charterUnchanged(LAUNCH, 3), ['Nothing changed']),
    v('charter not posted', charterReplies.charterNotPosted(LAUNCH, 3), ['⚠️']),
    v('new charter form', charterModal({ channelId: LAUNCH, baseVersion: 0, submissionId: 'abcdefgh-1' }), [
      'Shared goal',
      'What are we here to achieve together?',
    ]),
    v(
      'charter form at its limits',
      charterModal({
        channelId: LAUNCH,
        baseVersion: 3,
        submissionId: 'abcdefgh-1',
        text: charterText(true),
      }),
      ['Shared goal'],
    ),
    // Pulse
    v(
      'pulse form',
      pulseModal({ ritualId: 4, roundDate: '2026-11-20', channelId: LAUNCH, statements: statements(3, 60) }),
      ['5 · Strongly agree', 'radio_buttons', 'Anything you want to add?'],
    ),
    v(
      'pulse form at its limits',
      pulseModal({
        ritualId: 4,
        roundDate: '2026-11-20',
        channelId: LAUNCH,
        statements: statements(10, 2000),
      }),
      ['Anything you want to add?'],
    ),
    v(
      'pulse prompt',
      pulsePrompt({ ritualId: 4, roundDate: '2026-11-20', channelId: LAUNCH, statements: statements(3, 40) }),
      ['📊', 'Answer', 'Anonymous'],
    ),
    v(
      'pulse reminder',
      pulsePrompt({
        ritualId: 4,
        roundDate: '2026-11-20',
        channelId: LAUNCH,
        statements: statements(3, 40),
        reminderClosesAt: NOW,
      }),
      ['⏰', 'Reminder:'],
    ),
    v(
      'pulse answered',
      pulsePrompt({
        ritualId: 4,
        roundDate: '2026-11-20',
        channelId: LAUNCH,
        statements: statements(3, 40),
        answered: true,
      }),
      ['Answered · thank you'],
    ),
    v(
      'pulse results hidden',
      pulseResults({ channelId: LAUNCH, roundDate: '2026-11-20', results: { shown: false, responses: 2 } }),
      ['not enough responses'],
    ),
    v(
      'pulse results at their limits',
      pulseResults({
        channelId: LAUNCH,
        roundDate: '2026-11-20',
        results: {
          shown: true,
          responses: 900,
          statements: statements(10, 2000).map((statement) => ({
            statement,
            mean: 3.2,
            distribution: [1, 2, 3, 4, 5],
          })),
          comments: many(1000, (i) => `${long(1000, 'so *much* <to> say & ')}${i}`),
        },
        previousMeans: new Map(),
      }),
      ['Comments'],
    ),
    // Retros
    v(
      'retro message',
      retroMessage({
        retroId: 3,
        title: 'Sprint 42',
        noteCount: 4,
        closed: false,
        openItems: { items: many(12, (i) => actionItem(i)), total: 30 },
      }),
      ['Retro: Sprint 42', 'Add a note', 'Open action items', '…and 20 more'],
    ),
    v(
      'closed retro message',
      retroMessage({
        retroId: 3,
        title: 'Sprint 42',
        noteCount: 1,
        closed: true,
        openItems: { items: [], total: 0 },
      }),
      ['This retro is closed'],
    ),
    v(
      'retro summary',
      retroSummary({
        retroId: 3,
        title: 'Sprint 42',
        notes: [note(0, 'calm <b>launch</b>'), note(1, 'slow reviews')],
        actionItems: [actionItem(0)],
      }),
      ['Retro summary', 'calm &lt;b&gt;launch&lt;/b&gt;', 'Add an action item'],
    ),
    v(
      'retro summary at its limits',
      retroSummary({
        retroId: 3,
        title: 't'.repeat(150),
        notes: many(5000, (i) => note(i, `${long(2995)}${i}\nsecond line`)),
        actionItems: many(40, (i) => actionItem(i, long(3000))),
      }),
      ['did not fit in this message'],
    ),
    v('action added', retroReplies.actionAdded(actionItem(0, long(5000)), ANA), ['📌']),
    v('action reminder', retroReplies.actionReminder(actionItem(0)), ['Due today', 'Mark done']),
    v(
      'action reminder done',
      retroReplies.actionReminder({
        ...actionItem(0, long(1000)),
        done_at: NOW,
        settled: { at: NOW, by: CY, zone: 'Europe/Berlin' },
      }),
      ['Done · marked at'],
    ),
    v('no open actions', retroReplies.actionsReply({ items: [], total: 0 }), ['No open action items']),
    v(
      'open actions',
      retroReplies.actionsReply({ items: many(10, (i) => actionItem(i, long(3000))), total: 11 }),
      ['Done'],
    ),
    v('own notes, none', retroReplies.mineReply(retro, []), ['You have no notes']),
    v('own notes at their limits', retroReplies.mineReply(retro, many(100, ownNote)), [
      'Your notes in',
      'Delete',
    ]),
    v('debrief', retroReplies.debriefMessage(debrief(0)), ['Project debrief: Atlas 0', 'Lessons learned']),
    v('empty archive', retroReplies.archiveReply([]), ['No debriefs']),
    v('archive at its limits', retroReplies.archiveReply(many(100, debrief)), ['Project archive']),
    v('note form', noteModal({ ref: { retroId: 3, token: 'abcdefgh' }, title: 'Sprint <42> & *more*' }), [
      'Category',
      'Went well',
      'Share my name with this note',
    ]),
    v(
      'note form, editing',
      noteModal({ ref: { retroId: 3, noteId: 9, token: 'abcdefgh' }, title: 'Sprint 42', note: ownNote(0) }),
      ['selected>To improve', 'Reviews were slow'],
    ),
    v('action item form', actionModal({ ref: { retroId: 3, token: 'abcdefgh' } }), [
      'Owner',
      'Due date',
      'users_select',
      'datepicker',
    ]),
    v('debrief form', debriefModal({ ref: { channelId: LAUNCH, token: 'abcdefgh' }, project: 'Atlas' }), [
      'Lessons learned',
      'value="Atlas"',
    ]),
    // Home
    v('empty Home tab', homeView(home(false), NOW), [
      'Recognition',
      'No kudos to you yet',
      'Settings',
      'Turn on',
    ]),
    v(
      'Home tab with parts it could not read',
      homeView(
        { ...home(true), kudos: undefined, channels: undefined, unread: ['your kudos', 'your channels'] },
        NOW,
      ),
      ['could not read your kudos and your channels just now', 'Your credits', 'Settings'],
    ),
    v('full Home tab', homeView(home(true), NOW), [
      'Your credits',
      'Confirm',
      'Decline',
      'Your open action items',
      'Your channels',
      'Turn off',
    ]),
    // Health
    v('digest', digestMessage(digest(1), { chartInThread: true }), [
      'Alliance health',
      'Worth celebrating',
      'Needs attention',
      'for the clear incident write-up 0',
    ]),
    v('huge digest', digestMessage(digest(10), { chartInThread: false }), [
      'Alliance health',
      'and 995 more',
    ]),
    v(
      'scorecard',
      scorecardMessage({
        channelId: LAUNCH,
        current: period('2026-11-23T00:00:00Z'),
        previous: period('2026-11-16T00:00:00Z'),
        title: 'Alliance health: last 7 days',
      }),
      ['Health score:', 'Collaboration quality'],
    ),
    v('health help', healthReplies.healthHelp(), ['/health post']),
    v('no health history', healthReplies.historyMessage(LAUNCH, []), ['No week of']),
    v(
      'health history',
      healthReplies.historyMessage(
        LAUNCH,
        many(8, (i) => period(`2026-11-${String(23 - i).padStart(2, '0')}T00:00:00Z`)),
      ),
      ['Alliance health, stored weeks'],
    ),
    v('no sides', healthReplies.sidesMessage([], true), ['Cleared.']),
    v(
      'sides at their limits',
      healthReplies.sidesMessage(
        many(10, (i) => ({ name: `Side <${i}> & co`, userIds: many(100, person) })),
        false,
      ),
      ['The sides of this channel', 'and 85 more'],
    ),
    // Rituals
    v('new ritual form', ritualSettingsModal({ channelId: LAUNCH, settings, existing: [] }), [
      'A new ritual for',
      'Days',
      'timepicker',
      'value="09:30"',
      'Europe/Berlin',
    ]),
    v(
      'ritual form with many rituals',
      ritualSettingsModal({
        channelId: LAUNCH,
        ritualId: 5,
        settings: { ...settings, zone: 'local', reminderBeforeCloseMinutes: null },
        existing: many(150, (i) => ritualRow(i + 1)),
        notice: 'Saved.',
      }),
      ['Ritual 5 in', 'Saved.', 'New ritual'],
    ),
    v('rituals help', ritualReplies.ritualsHelp(), ['/rituals']),
    v('ritual created', ritualReplies.ritualCreated(ritualView(4)), ['4']),
    v(
      'ritual running',
      ritualReplies.ritualRunning({
        ritual: { id: 4, kind: 'standup' },
        dates: ['2026-11-20', '2026-11-21'],
        people: 12,
      }),
      ['runs now'],
    ),
    v('no rituals', ritualReplies.ritualsList([]), ['no rituals yet']),
    v('rituals list', ritualReplies.ritualsList(many(20, (i) => ritualView(i + 1))), ['Edit']),
    v('a list of 60 rituals', ritualReplies.ritualsList(many(60, (i) => ritualView(i + 1))), [
      '…and 20 more, numbered up to 60',
    ]),
    v('ritual paused', ritualReplies.ritualChanged(ritualView(4), 'paused'), ['paused']),
    v('ritual skipped', ritualReplies.ritualSkipped(ritualView(4), '2026-11-24', true), ['2026']),
    v('ritual removed', ritualReplies.ritualRemoved({ id: 4, kind: 'pulse' }), ['4']),
    // Decisions
    v(
      'decision form',
      decisionModal({
        channelId: LAUNCH,
        sourceTs: '1.2',
        sourceThreadTs: null,
        submissionId: 'abcdefgh-1',
        sourceText: 'We go <live> & celebrate',
        defaultOwner: ANA,
      }),
      ['What was decided', 'Who owns it', 'Review on'],
    ),
    v(
      'decision form, editing',
      decisionModal({
        channelId: LAUNCH,
        sourceTs: '1.2',
        sourceThreadTs: null,
        submissionId: 'abcdefgh-1',
        decisionId: 12,
        editing: decision,
        defaultOwner: ANA,
      }),
      ['What was decided', 'Ship the beta on Monday'],
    ),
    v('decision', decisionMessage(decision), ['Ship the beta on Monday']),
    v('decision review reminder', reviewReminder(decision), ['due for review today', 'Open the discussion']),
    v(
      'decisions list',
      decisionReplies.decisionsList(
        LAUNCH,
        many(decisionReplies.DECISIONS_SHOWN, (i) => ({ ...decision, id: i, decision: long(1000) })),
        80,
      ),
      ['Decision'],
    ),
    v('decisions help', decisionReplies.decisionsHelp(), ['decision']),
    v('unknown decisions command', decisionReplies.unknownDecisionsCommand('<!here> & x'), ['know']),
    v('decision not posted', decisionReplies.decisionNotPosted(decision), ['#launch']),
    // Credits
    v('credit answer buttons', { blocks: [creditAnswerButtons(71)] }, [
      'Confirm',
      'Correct',
      'Decline',
      'data-bk-confirm',
    ]),
    v(
      'credit form',
      creditModal({
        channelId: LAUNCH,
        submissionId: 'abcdefgh-1',
        sourceText: 'Shipped <it> & more',
        people: [],
      }),
      ['What is the credit for', 'url_text_input', 'Who contributed'],
    ),
    v(
      'credit form at its limits',
      creditModal({
        channelId: LAUNCH,
        submissionId: 'abcdefgh-1',
        deliverable: long(150),
        link: 'https://example.com/x',
        people: many(12, person),
        contributions: { [person(0)]: long(500) },
      }),
      ['Their role or contribution'],
    ),
    v('credit correction form', correctionModal(credit, contributor(0)), [
      'What you did',
      'Q3 launch review',
    ]),
    v(
      'credit message',
      creditMessage(credit, [contributor(0, 'confirmed'), contributor(1), contributor(2)]),
      ['Q3 launch review'],
    ),
    v('credit request DM', creditRequestDm(credit, contributor(0)), ['Confirm', 'Q3 launch review']),
    v('credit answered DM', creditAnsweredDm(credit, contributor(0, 'confirmed')), ['Q3 launch review']),
    v('credit help', creditReplies.creditHelp(), ['/credit list']),
    v('credit saved', creditReplies.creditSaved('Q3 <launch> & review', [BEN, ANA], ANA), [
      '🏅',
      'Q3 &lt;launch&gt; &amp; review',
    ]),
    v('credit already saved', creditReplies.creditAlreadySaved('Q3'), ['already recorded']),
    v(
      'credit list',
      creditReplies.creditList(LAUNCH, many(creditReplies.CREDITS_SHOWN, listedCredit), 80, ['launch']),
      ['Deliverable 0'],
    ),
    v('no credits', creditReplies.creditList(LAUNCH, [], 0, []), ['No credits in this channel yet']),
    v(
      'person credits',
      creditReplies.personCredits(LAUNCH, BEN, many(creditReplies.CREDITS_SHOWN, personCredit), 80),
      ['Deliverable 0'],
    ),
    v('not your credit', creditReplies.notYourCredit(BEN), ['@ben']),
    // Stand-ups
    v('stand-up header', standupHeader('2026-11-20'), ['🌅', 'Answers are in the thread']),
    v('stand-up summary', standupDaySummary(daySummary(3)), [
      'closed',
      'Answered',
      'Waiting for the API keys',
    ]),
    v('stand-up summary at its limits', standupDaySummary(daySummary(2000)), ['closed', 'Answered']),
    v(
      'stand-up prompt',
      standupPrompt({
        ritualId: 1,
        localDate: '2026-11-20',
        channelId: LAUNCH,
        questions: [...DEFAULT_STANDUP_QUESTIONS],
      }),
      ['Answer', 'Skip today', 'What will you do next?'],
    ),
    v(
      'stand-up reminder',
      standupPrompt({
        ritualId: 1,
        localDate: '2026-11-20',
        channelId: LAUNCH,
        questions: ['q'],
        reminderClosesAt: NOW,
      }),
      ['Reminder:'],
    ),
    v(
      'check-in form',
      checkinModal({
        ritualId: 1,
        localDate: '2026-11-20',
        channelId: LAUNCH,
        questions: statements(10, 2000),
        answers: [{ question: 'q', answer: 'Shipped <it> & more' }],
      }),
      ['Friday, 20 November', 'Shipped &lt;it&gt; &amp; more'],
    ),
    v(
      'check-in reply',
      checkinReply({
        userId: BEN,
        answers: [
          { question: 'Done?', answer: 'Shipped <it>' },
          { question: 'Blocked?', answer: '' },
        ],
        blocker: true,
      }),
      ['checked in', 'raised a blocker', 'Shipped &lt;it&gt;'],
    ),
    v(
      'prompt answered',
      standupPrompt({
        ritualId: 1,
        localDate: '2026-11-20',
        channelId: LAUNCH,
        questions: ['q'],
        settled: { kind: 'answered', at: NOW, zone: 'Europe/Berlin' },
      }),
      ['Answered at', 'Edit'],
    ),
    v(
      'prompt skipped',
      standupPrompt({
        ritualId: 1,
        localDate: '2026-11-20',
        channelId: LAUNCH,
        questions: ['q'],
        settled: { kind: 'skipped' },
      }),
      ['Skipped today', 'Answer anyway'],
    ),
  ];
}
