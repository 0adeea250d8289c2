import type { Queryable } from '../db/database.js';
import { teamNamesOf } from '../db/repos/team-names.js';
import type { PeriodInputs } from './pillars.js';

/** What each side is called where it is shown, by the key the counts use. */
export type SideNames = Record<string, string>;

/** A Slack workspace id (T…), or an Enterprise Grid organisation's (E…). */
const TEAM_ID = /^[TE][A-Z0-9]{8,}$/;

/**
 * The names of a period's sides. A declared side is its own name. An undeclared side is a
 * workspace: its name from team.info, kept in team_names; while Rapport has none (no team:read
 * granted yet, or Slack would not show that workspace), "This workspace" for the channel's own and
 * "Partner workspace (T0…)" for another, the id kept so two partners stay apart and an admin can
 * tell which it is.
 */
export async function sideNamesOf(
  q: Queryable,
  teamId: string,
  inputs: readonly SidesOf[],
): Promise<SideNames> {
  const keys = sideKeys(inputs);
  const teamIds = [...keys].filter((k) => TEAM_ID.test(k));
  const names = await teamNamesOf(q, teamId, teamIds);
  return Object.fromEntries(
    [...keys].map((key) => {
      if (!TEAM_ID.test(key)) return [key, key];
      const name = names.get(key);
      if (name) return [key, name];
      return [key, key === teamId ? 'This workspace' : `Partner workspace (${key})`];
    }),
  );
}

type SidesOf = Pick<PeriodInputs, 'sides' | 'kudosFlows' | 'creditFlows'> &
  Partial<Pick<PeriodInputs, 'giveFlows' | 'responsiveness'>>;

const sideKeys = (inputs: readonly SidesOf[]) =>
  new Set(
    inputs.flatMap((i) => [
      ...i.sides,
      ...[...i.kudosFlows, ...i.creditFlows, ...(i.giveFlows ?? [])].flatMap((f) => [f.from, f.to]),
      ...(i.responsiveness?.waits ?? []).map((w) => w.side),
    ]),
  );

/** The sides that are workspaces (undeclared), by team id: those whose names team.info can give. */
export const teamIdsOf = (inputs: readonly SidesOf[]) => [...sideKeys(inputs)].filter((k) => TEAM_ID.test(k));

/** Whether `names` holds a name for every side of `inputs`. */
export const namesCover = (names: SideNames, inputs: SidesOf) =>
  [...sideKeys([inputs])].every((k) => k in names);

/** A side's name, or its key when it has none. */
export const sideName = (names: SideNames | undefined, key: string) => names?.[key] ?? key;
