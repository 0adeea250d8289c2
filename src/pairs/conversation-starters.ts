import { seededRandom, seededShuffle } from '../seeded-random.js';

/** Neutral, work-appropriate openers for a pair who may work for different organisations. */
export const CONVERSATION_STARTERS: readonly string[] = [
  'What are you working on this week that you are enjoying?',
  'What does a typical day look like in your role?',
  'What is a tool or habit that makes your work easier?',
  'What is something you learned recently, at work or outside it?',
  'How did you come to be in the role you are in now?',
  'What is a project you are proud of?',
  'What would a perfect focus day look like for you?',
  'What is one thing your team does well together?',
  'What are you looking forward to this month?',
  'What is a book, podcast or talk you would recommend?',
  'What is something about your organisation that outsiders often get wrong?',
  'If you could swap jobs with someone for a day, whose would it be?',
];

/**
 * The starter for a round (rounds numbered from 1): each cycle of rounds uses every starter once in
 * a seeded order, and the same starter never comes twice in a row, across cycles too.
 */
export function starterFor(seed: string | number, roundNumber: number): string {
  const count = CONVERSATION_STARTERS.length;
  const index = Math.floor(roundNumber) - 1;
  const cycle = Math.floor(index / count);
  const order = cycleOrder(seed, cycle);
  // Only the first two of a cycle are ever swapped, so a cycle's last starter is its raw order's.
  if (order[0] === cycleOrder(seed, cycle - 1).at(-1)) [order[0], order[1]] = [order[1] as number, order[0]];
  return CONVERSATION_STARTERS[order[index - cycle * count] as number] as string;
}

const cycleOrder = (seed: string | number, cycle: number): number[] =>
  seededShuffle(
    CONVERSATION_STARTERS.map((_, i) => i),
    seededRandom(`${seed}:starters:${cycle}`),
  );
