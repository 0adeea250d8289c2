import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { channelSkillTags, MOST_TAGS, pairSkills, savePairSkills } from '../db/repos/pair-skills.js';
import { pairMember, savePairMember } from '../db/repos/pairs.js';
import { chosenZones } from '../db/repos/person-settings.js';
import type { Directory } from '../people/directory.js';
import { LAST_RESORT_ZONE, resolveZone } from '../people/time-zones.js';
import { normaliseTag, TAG_MAX, TAG_MIN, TAGS_PER_LIST } from './skills-matching.js';

/** Who acts, where (as PairsActor in ./pairs-service.ts): a person in a channel's record set, through their workspace's installation. */
type SkillsActor = { teamId: string; channelId: string; userId: string; workspaceId: string };

/** One list of the form as submitted: the tags picked from the channel's list, and the typed others. */
export type SkillListInput = { picked: readonly string[]; other: string };
export type SkillsFormInput = { offers: SkillListInput; wants: SkillListInput };
/** Which field a problem is shown on: a list's select, or its "Other skills" field. */
export type SkillsField = 'offers' | 'offersOther' | 'wants' | 'wantsOther';
export type SkillsParsed =
  | { ok: true; offers: string[]; wants: string[] }
  | { ok: false; errors: Partial<Record<SkillsField, string>> };

const OTHER = { offers: 'offersOther', wants: 'wantsOther' } as const;
const LIST_WORDS = { offers: 'skills you can offer', wants: 'skills you want to learn' } as const;

/**
 * Reads the skills form: each list is its picked tags and its comma-separated others, normalised
 * (trimmed, lower case), each 2–40 characters, at most 10 a list once the same tag given twice
 * counts once. A problem is told on the field it is in.
 */
export function parseSkillsForm(input: SkillsFormInput): SkillsParsed {
  const errors: Partial<Record<SkillsField, string>> = {};
  const lists = { offers: [] as string[], wants: [] as string[] };
  for (const list of ['offers', 'wants'] as const) {
    const { picked, other } = input[list];
    const typed = other
      .split(',')
      .map(normaliseTag)
      .filter((t) => t !== '');
    const bad = (tags: readonly string[]) =>
      tags.find((t) => [...t].length < TAG_MIN || [...t].length > TAG_MAX);
    const badTyped = bad(typed);
    const badPicked = bad(picked.map(normaliseTag));
    if (badTyped !== undefined) {
      errors[OTHER[list]] =
        `“${[...badTyped].slice(0, TAG_MAX).join('')}” is not a skill Rapport can keep: each is ${TAG_MIN} to ${TAG_MAX} characters, separated by commas.`;
      continue;
    }
    if (badPicked !== undefined) {
      errors[list] = `Each skill is ${TAG_MIN} to ${TAG_MAX} characters: pick from the list again.`;
      continue;
    }
    const tags = [...new Set([...picked.map(normaliseTag), ...typed])];
    if (tags.length > TAGS_PER_LIST) {
      errors[typed.length > 0 ? OTHER[list] : list] =
        `Up to ${TAGS_PER_LIST} ${LIST_WORDS[list]}: you gave ${tags.length}.`;
      continue;
    }
    lists[list] = tags;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, ...lists };
}

/**
 * Skill-share pairs from a person's side: what they can teach and want to learn in a channel,
 * kept with their Slack profile title (for seniority); saving joins them to the channel's pairs.
 */
export function createSkillsService(deps: { db: Database; clock: Clock; directory: Directory }) {
  return {
    /** What the form shows: the channel's tags (theirs first, so their choices are always offered), and their choices. */
    async form(who: Pick<SkillsActor, 'teamId' | 'channelId' | 'userId'>) {
      const [mine, tags] = await Promise.all([
        pairSkills(deps.db, who.teamId, who.channelId, who.userId),
        channelSkillTags(deps.db, who.teamId, who.channelId),
      ]);
      const offers = mine?.offers ?? [];
      const wants = mine?.wants ?? [];
      const own = [...new Set([...offers, ...wants])];
      return {
        tags: [...own, ...tags.filter((t) => !own.includes(t))].slice(0, MOST_TAGS),
        offers,
        wants,
      };
    },

    /**
     * Saves their skills under the form's one-time id and joins them to the channel's pairs if they
     * had not joined: once, however often Slack delivers the form (the same id answers as the first
     * time did). Whether this form joined them.
     */
    async save(
      who: SkillsActor,
      s: { offers: string[]; wants: string[]; title: string | undefined; submissionId: string },
    ): Promise<{ joined: boolean }> {
      const person = await deps.directory.find(who.workspaceId, who.userId);
      const chosen = await chosenZones(deps.db, who.teamId, [who.userId]);
      const zone = resolveZone({ chosen: chosen.get(who.userId), slack: person?.tz }, LAST_RESORT_ZONE);
      const now = deps.clock.now();
      return deps.db.transaction(async (tx) => {
        const before = await pairSkills(tx, who.teamId, who.channelId, who.userId, true);
        if (before?.submission_id === s.submissionId) return { joined: before.submission_joined };
        const member = await pairMember(tx, who.teamId, who.channelId, who.userId);
        const joined = !member?.joined;
        if (joined) {
          await savePairMember(tx, {
            teamId: who.teamId,
            channelId: who.channelId,
            userId: who.userId,
            userTeamId: person?.homeTeamId ?? undefined,
            zone: zone.source === 'assumed' ? undefined : zone.zone,
            joined: true,
            pausedUntil: null,
            now,
          });
        }
        await savePairSkills(tx, { ...who, ...s, joined, now });
        return { joined };
      });
    },
  };
}

export type SkillsService = ReturnType<typeof createSkillsService>;
