import type { SlackUserRow } from '../db/repos/slack-users.js';
import { SLACK_ID } from '../slack-values.js';
import { isTimeZone } from './zone-name.js';

/** A field of a Slack profile Rapport did not keep, and why: for the log, never for Slack. */
export type DoubtfulField = { field: string; reason: string };

const SLACKBOT = 'USLACKBOT';
const NAME_KEPT = 200;

/**
 * The profile Rapport keeps from a Slack user object (users.info, or a user_change it was pushed),
 * trusting nothing in it: a time zone must be one the IANA database knows (luxon), else the last
 * good one is kept; `deleted`, `is_bot` and the admin flags count only as booleans, else what was
 * known before stands; names are text, cut to a length a name has. One odd field never costs the
 * rest of the profile, and every field set aside is reported for the log.
 */
export function profileFields(
  teamId: string,
  user: Record<string, unknown> & { id: string },
  previous: SlackUserRow | undefined,
  now: Date,
): { row: SlackUserRow; doubtful: DoubtfulField[] } {
  const doubtful: DoubtfulField[] = [];
  /** A flag as Slack sent it; undefined when absent or not a boolean (then reported). */
  const booleanOf = (field: string): boolean | undefined => {
    const value = user[field];
    if (typeof value === 'boolean') return value;
    if (value !== undefined) doubtful.push({ field, reason: 'is not a boolean' });
    return undefined;
  };
  // An admin is an admin, owner or primary owner: the flags Slack sent decide, else what was known.
  const adminFlags = ['is_admin', 'is_owner', 'is_primary_owner']
    .map(booleanOf)
    .filter((f): f is boolean => f !== undefined);
  const profile =
    typeof user.profile === 'object' && user.profile !== null
      ? (user.profile as Record<string, unknown>)
      : {};
  const name = [profile.display_name, user.real_name, user.name].find(
    (n): n is string => typeof n === 'string' && n.trim() !== '',
  );
  const tz = user.tz;
  if (tz !== undefined && tz !== null && !isTimeZone(tz as string)) {
    doubtful.push({ field: 'tz', reason: 'is not a time zone the IANA database knows' });
  }
  const homeTeam = user.team_id;
  if (homeTeam !== undefined && (typeof homeTeam !== 'string' || !SLACK_ID.test(homeTeam))) {
    doubtful.push({ field: 'team_id', reason: 'is not a Slack id' });
  }
  return {
    row: {
      team_id: teamId,
      user_id: user.id,
      home_team_id:
        typeof homeTeam === 'string' && SLACK_ID.test(homeTeam) ? homeTeam : (previous?.home_team_id ?? null),
      display_name: name ? name.slice(0, NAME_KEPT) : (previous?.display_name ?? ''),
      is_bot: (booleanOf('is_bot') ?? previous?.is_bot ?? false) || user.id === SLACKBOT,
      is_deleted: booleanOf('deleted') ?? previous?.is_deleted ?? false,
      is_admin: adminFlags.length > 0 ? adminFlags.some(Boolean) : (previous?.is_admin ?? false),
      tz: isTimeZone(tz as string) ? (tz as string) : (previous?.tz ?? null),
      fetched_at: now,
    },
    doubtful,
  };
}
