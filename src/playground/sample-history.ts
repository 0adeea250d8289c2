import type { ActionRequests, ActionResult, Message, PlaygroundState } from './api-types.js';
import { fillModal } from './fill-modal.js';
import { SampleTexts } from './sample-texts.js';
import { pick, type Random, seededRandom } from '../seeded-random.js';
import { PARTNER_TEAM_ID, PEOPLE } from './workspace.js';

/** The shared channel where the sample alliance works. */
const ALLIANCE = 'C0ALLIANCE';
const LEAD = 'U0ANALIMA1';
/** Globex's partner manager, who installs Rapport for Globex. */
const GLOBEX_ADMIN = 'U0ELICOHE1';
const WEEKS = 4;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Enough turns of the clock for four weeks of six people's stand-ups, retros, pulses and digests. */
const MAX_TURNS = 400;

/** What bot buttons a sample person presses, and how often (nobody answers everything). */
const PRESSES: Record<string, number> = {
  standup_answer: 0.85,
  pulse_answer: 0.9,
  credit_confirm: 0.9,
  give_confirm: 0.8,
  review_answer: 0.9,
  retro_add_note: 1,
  // Coffee pairs: Join on the channel's introduction (most do, Globex's people too), and "We met"
  // in the group's DM at halfway, pressed by one of the group or by nobody.
  pairs_join: 0.85,
  pairs_met: 0.5,
};
/** What one side gives the other, with its worth: the give ledger's sample. */
const GIVES = [
  'an intro to our data team · saved 2 weeks',
  'the load-test scripts · 3 days',
  'access to the staging sandbox · saved $4,000',
  'a security review of the API · high risk reduced',
  'our launch checklist',
];
/** The day of the story on which the lead runs the first quarterly review early, to kick off. */
const REVIEW_DAY = 8;
/** The day on which someone pauses their coffee pairs for a week (a holiday, say). */
const PAUSE_DAY = 11;
/**
 * The charter's escalation levels, an owner per side: the two engineers first, then the product
 * lead and the partner manager.
 */
const OWNERS = { A: ['U0BENOKAF1', LEAD], B: ['U0DANAKOW1', GLOBEX_ADMIN] };
/** Globex's analyst, who takes a disagreement about the API freeze to the charter's levels. */
const RAISER = 'U0FARAHAD1';
/**
 * The day it is raised; level 1's owners do not settle it within their 48 hours, so it moves to
 * level 2, where the lead resolves it on the day given.
 */
const ESCALATE_DAY = 4;
const RESOLVE_DAY = 8;

const REASONS = [
  'for unblocking the sandbox credentials',
  'for the clear API docs',
  'for staying late to get the demo working',
  'for the thoughtful design review',
  'for answering every question within the hour',
  'for the crisp release notes',
];
const DELIVERABLES = ['the partner API v1', 'the pilot report', 'the onboarding redesign', 'the Q3 roadmap'];

type Driver = {
  act<K extends keyof ActionRequests>(name: K, body: ActionRequests[K]): Promise<ActionResult>;
  state(me: string): Promise<PlaygroundState>;
  now(): Date;
  /** Lets work the app does after acknowledging finish. */
  settle(): Promise<void>;
};

/**
 * Four weeks of an alliance between Northwind and Globex, played by the six people through the
 * page's own actions (so through Slack's requests into the real app): the lead sets up a stand-up,
 * a weekly retro, a pulse check, the digest and coffee pairs; then the clock goes from one ritual
 * to the next, and people answer their prompts (with the odd blocker), add retro notes, give kudos
 * both ways across the sides, react with claps, credit deliverables and confirm their credits, and
 * follow up action items; most join the coffee pairs, one pauses them for a week, and the groups
 * say whether they met. The lead writes a charter with two escalation levels; Globex's analyst
 * escalates a disagreement, which moves to level 2 when level 1 lets its target pass, and the lead
 * resolves it there. Seeded, so every load tells the same story.
 *
 * Slack sends a command only from a workspace that installed the app (docs.slack.dev/apis/
 * slack-connect, "Slash commands are not shared"), so the story begins with Globex's admin
 * installing Rapport for Globex, by OAuth as Northwind did: from then on both sides type its
 * commands in the shared channel, on one record.
 */
export async function loadSampleHistory(driver: Driver): Promise<{ turns: number }> {
  const random = seededRandom(20261122);
  const texts = new SampleTexts(random);
  await must(driver.act('install', { as: GLOBEX_ADMIN }));
  for (const text of [
    '/rituals standup mon-fri 09:30 local',
    '/rituals retro weekly fri 15:00 Europe/London',
    '/rituals pulse weekly wed 11:00 Europe/London',
    '/rituals digest mon 09:00 Europe/London',
    '/rituals review quarterly mon 10:00 Europe/London',
    '/rituals pairs weekly mon 10:00 Europe/London',
  ]) {
    await must(driver.act('command', { as: LEAD, channel: ALLIANCE, text }));
  }
  await driver.settle();
  // The charter: its goal and ways of working, who decides what, and two escalation levels.
  await must(driver.act('command', { as: LEAD, channel: ALLIANCE, text: '/charter edit' }));
  await driver.settle();
  await submitOpenModal(driver, LEAD, random, texts);
  const handled = new Set<string>();
  // The coffee pairs' introduction is in the channel: people press Join before the first round.
  for (const person of PEOPLE) await answerPrompts(driver, person.id, random, texts, handled);
  // The review's number, from Rapport's reply to the lead ("Review 5 is set: …").
  const reviewId = (await driver.state(LEAD)).ephemerals
    .map((e) => /Review (\d+) is set/.exec(e.text)?.[1])
    .findLast((id) => id !== undefined);
  const end = driver.now().getTime() + WEEKS * 7 * DAY_MS;
  let day = '';
  let days = 0;
  let turns = 0;
  for (; turns < MAX_TURNS; turns += 1) {
    const next = (await driver.state(LEAD)).nextRitualAt;
    if (!next || new Date(next).getTime() > end) break;
    await must(driver.act('clock', { as: LEAD, advance: 'next' }));
    await driver.settle();
    for (const person of PEOPLE) await answerPrompts(driver, person.id, random, texts, handled);
    const today = driver.now().toISOString().slice(0, 10);
    if (today !== day) {
      day = today;
      days += 1;
      await dailyActivity(driver, random, texts);
      // The first quarterly review, run early: its forms now, its pack a week later.
      if (days === REVIEW_DAY && reviewId) {
        await must(driver.act('command', { as: LEAD, channel: ALLIANCE, text: `/rituals run ${reviewId}` }));
      }
      if (days === ESCALATE_DAY) {
        await must(driver.act('command', { as: RAISER, channel: ALLIANCE, text: '/escalate' }));
        await driver.settle();
        await submitOpenModal(driver, RAISER, random, texts);
      }
      if (days === RESOLVE_DAY) await resolveTheEscalation(driver, random, texts);
      // Someone of Globex is away for a week: their pairs pause until they are back.
      if (days === PAUSE_DAY) {
        const away = pick(
          random,
          PEOPLE.filter((p) => p.teamId === PARTNER_TEAM_ID),
        );
        const until = new Date(driver.now().getTime() + 8 * DAY_MS).toISOString().slice(0, 10);
        await must(driver.act('command', { as: away.id, channel: ALLIANCE, text: `/pairs pause ${until}` }));
      }
      await driver.settle();
    }
  }
  return { turns };
}

/**
 * Presses the bot's buttons a person has, in their DM, in the channel and in their group DMs (a
 * coffee pairs group's "We met"), and fills what opens.
 */
async function answerPrompts(
  driver: Driver,
  me: string,
  random: Random,
  texts: SampleTexts,
  handled: Set<string>,
) {
  const state = await driver.state(me);
  const places: [string, Message[]][] = [
    [`D${me}`, state.conversations[`D${me}`] ?? []],
    [ALLIANCE, state.conversations[ALLIANCE] ?? []],
    ...state.groupDms.map((g): [string, Message[]] => [g.id, state.conversations[g.id] ?? []]),
  ];
  for (const [channel, messages] of places) {
    for (const message of messages) {
      for (const button of buttonsOf(message)) {
        const key = `${me}:${channel}:${message.ts}:${button.action_id}`;
        const chance = PRESSES[button.action_id];
        if (chance === undefined || handled.has(key)) continue;
        handled.add(key);
        if (random() >= chance) continue;
        await driver.act('action', {
          as: me,
          container: { type: 'message', channel, ts: message.ts },
          action: button,
        });
        await driver.settle();
        await submitOpenModal(driver, me, random, texts);
      }
    }
  }
}

async function submitOpenModal(driver: Driver, me: string, random: Random, texts: SampleTexts) {
  const modal = (await driver.state(me)).modal;
  if (!modal) return;
  const teammates = PEOPLE.filter((p) => p.id !== me).map((p) => p.id);
  const values = fillModal(modal.view, random, { teammates, today: driver.now(), texts, owners: OWNERS });
  const submitted = await driver.act('submit', { as: me, viewId: modal.viewId, values });
  // A form the app answered with errors stays open: close it, as a person would give up.
  if (submitted.ok && (await driver.state(me)).modal?.viewId === modal.viewId) {
    await driver.act('close', { as: me, viewId: modal.viewId });
  }
}

/** The lead presses Resolve on the escalation's summary in the channel and says what was agreed. */
async function resolveTheEscalation(driver: Driver, random: Random, texts: SampleTexts) {
  const channel = (await driver.state(LEAD)).conversations[ALLIANCE] ?? [];
  for (const message of channel) {
    const resolve = buttonsOf(message).find((b) => b.action_id === 'escalation_resolve');
    if (!resolve) continue;
    await must(
      driver.act('action', {
        as: LEAD,
        container: { type: 'message', channel: ALLIANCE, ts: message.ts },
        action: resolve,
      }),
    );
    await driver.settle();
    await submitOpenModal(driver, LEAD, random, texts);
    return;
  }
}

/** A day's work between the rituals: kudos across the sides, a clap, now and then a credit or an action. */
async function dailyActivity(driver: Driver, random: Random, texts: SampleTexts) {
  const northwind = PEOPLE.filter((p) => p.teamId !== PARTNER_TEAM_ID);
  const globex = PEOPLE.filter((p) => p.teamId === PARTNER_TEAM_ID);
  // Northwind thanks a little more than it is thanked, so the reciprocity has something to show.
  // Both sides type /kudos; Globex's people also thank with a kudos emoji on a message.
  const roll = random();
  if (roll < 0.75) {
    const [giver, receiver] =
      roll < 0.5
        ? [pick(random, northwind), pick(random, globex)]
        : [pick(random, globex), pick(random, northwind)];
    await driver.act('command', {
      as: giver.id,
      channel: ALLIANCE,
      text: `/kudos @${receiver.name} ${pick(random, REASONS)}`,
    });
  } else {
    const [giver, receiver] = [pick(random, globex), pick(random, northwind)];
    const done = await say(driver, receiver.id, `Shipped: ${pick(random, DELIVERABLES)} is ready for review`);
    if (done) await react(driver, giver.id, done, 'raised_hands');
  }

  const poster = pick(random, [...northwind, ...globex]);
  const posted = await say(driver, poster.id, `Update: ${pick(random, DELIVERABLES)} is moving along`);
  const clapper = pick(random, poster.teamId === PARTNER_TEAM_ID ? northwind : globex);
  if (posted) await react(driver, clapper.id, posted, 'clap');

  if (random() < 0.3) {
    const [a, b] = [pick(random, northwind), pick(random, globex)];
    await driver.act('command', {
      as: pick(random, [LEAD, GLOBEX_ADMIN]),
      channel: ALLIANCE,
      text: `/credit @${a.name} @${b.name} for ${pick(random, DELIVERABLES)}`,
    });
  }
  if (random() < 0.3) {
    const owner = pick(random, [...northwind, ...globex]);
    const due = new Date(driver.now().getTime() + 5 * DAY_MS).toISOString().slice(0, 10);
    await driver.act('command', {
      as: LEAD,
      channel: ALLIANCE,
      text: `/retro action @${owner.name} ${texts.next('action')} by ${due}`,
    });
  }
  if (random() < 0.3) await completeAnAction(driver, random);
  if (random() < 0.3) {
    // What one side gave the other; its receiver confirms it (or not) from the DM.
    const [giver, receiver] =
      random() < 0.5
        ? [pick(random, northwind), pick(random, globex)]
        : [pick(random, globex), pick(random, northwind)];
    await driver.act('command', {
      as: giver.id,
      channel: ALLIANCE,
      text: `/gave @${receiver.name} ${pick(random, GIVES)}`,
    });
  }
}

/** A message someone posts in the alliance channel; its ts, once it is there. */
async function say(driver: Driver, me: string, text: string): Promise<string | undefined> {
  await driver.act('message', { as: me, channel: ALLIANCE, text });
  // Their own message: Rapport's posts (an announcement) may land after it.
  return (await driver.state(me)).conversations[ALLIANCE]?.filter((m) => m.user === me).at(-1)?.ts;
}

async function react(driver: Driver, me: string, ts: string, name: string): Promise<void> {
  await driver.act('reaction', { as: me, channel: ALLIANCE, ts, name, add: true });
}

/** Someone, of either side, lists the channel's open action items and marks one of theirs done. */
async function completeAnAction(driver: Driver, random: Random) {
  const person = pick(random, PEOPLE);
  await driver.act('command', { as: person.id, channel: ALLIANCE, text: '/retro actions' });
  await driver.settle();
  const listed = (await driver.state(person.id)).ephemerals.at(-1);
  // Each item is a section naming its owner, with its Done button beside it.
  const mine = ((listed?.blocks ?? []) as { text?: { text?: string } }[]).filter((b) =>
    b.text?.text?.includes(`<@${person.id}>`),
  );
  const done = buttonsOf({ blocks: mine }).find((b) => b.action_id === 'retro_action_done');
  if (listed && done) {
    await driver.act('action', {
      as: person.id,
      container: { type: 'ephemeral', channel: ALLIANCE, id: listed.id },
      action: done,
    });
  }
}

type Button = { type: string; action_id: string; block_id: string } & Record<string, unknown>;

function buttonsOf(message: { blocks: unknown[] | null }): Button[] {
  return (
    (message.blocks ?? []) as { type?: string; block_id?: string; elements?: Button[]; accessory?: Button }[]
  ).flatMap((b) => {
    const elements = b.type === 'actions' ? (b.elements ?? []) : b.accessory ? [b.accessory] : [];
    return elements.filter((e) => e.type === 'button').map((e) => ({ ...e, block_id: b.block_id ?? '' }));
  });
}

async function must(result: Promise<ActionResult>): Promise<void> {
  const r = await result;
  if (!r.ok) throw new Error(`the sample history could not go on: ${r.error ?? 'no reason given'}`);
}
