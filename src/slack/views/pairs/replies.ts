import { message, plainMessage, type SlackMessage, section } from '../blocks.js';

type Status = { state: 'in' | 'out' | 'paused'; pausedUntil: string | null; joined: number; paused: number };

/** `/pairs`: where the person stands, and how many take part. */
export function pairsStatus(channelId: string, s: Status): SlackMessage {
  const mine = {
    in: 'You are in: each round may pair you with someone here. `/pairs leave` stops it.',
    out: 'You are not in: `/pairs join` and the next round may pair you.',
    paused: `You are paused until ${s.pausedUntil ?? ''}: that day's round pairs you again. \`/pairs join\` ends the pause now.`,
  }[s.state];
  const count = `${s.joined} ${s.joined === 1 ? 'person has' : 'people have'} joined the coffee pairs of <#${channelId}>${s.paused > 0 ? `, ${s.paused} of them paused` : ''}.`;
  return message(mine, [section(`${mine}\n${count}`)]);
}

export function pairsHelp(): SlackMessage {
  return message('How /pairs works', [
    section(
      [
        '*Coffee pairs* introduce people of this channel to each other, across the sides wherever they can.',
        '• `/pairs join`: take part (nobody is paired without joining)',
        '• `/pairs leave`: stop',
        '• `/pairs pause 2027-01-15`: skip the rounds until that day',
        '• `/pairs`: where you stand',
        '• `/pairs skills`: what you can teach and want to learn, for skill-share pairs (saving joins you)',
        'A channel sets up its rounds with `/rituals pairs weekly mon 10:00` (or `biweekly`, `monthly`), and monthly skill-share rounds with `/rituals skills monthly mon 10:00`.',
      ].join('\n'),
    ),
  ]);
}

export const pairsJoined = (channelId: string, was: boolean) =>
  plainMessage(
    was
      ? `You are in the coffee pairs of <#${channelId}>: the next round may pair you.`
      : `You were in already: the next round of <#${channelId}> may pair you.`,
  );
export const pairsLeft = (channelId: string, was: boolean) =>
  plainMessage(
    was
      ? `You left the coffee pairs of <#${channelId}>: no round pairs you now. \`/pairs join\` brings you back.`
      : `You were not in the coffee pairs of <#${channelId}>; nothing changed.`,
  );
export const pairsPaused = (channelId: string, until: string) =>
  plainMessage(
    `Paused: no round of <#${channelId}> pairs you before ${until}. \`/pairs join\` ends the pause now.`,
  );
export const alreadyMet = () => plainMessage('Already noted: your group met this round. Thank you!');
