import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { projectPath } from '../project-path.js';
import { RapportError, UserError } from '../errors.js';
import { parseRitualsCommand } from './parse-command.js';
import { parseTime, type Schedule } from './schedule.js';

/**
 * Playbooks: a recommended cadence set up in one step (`/rituals playbook <name>`), each one data in
 * playbooks.json at the project's top, so a team can read and change what it creates. Each ritual
 * is written as the `/rituals` command that creates it, and read by the same parser.
 */
export type PlaybookRitual = {
  kind: 'standup' | 'retro' | 'pulse' | 'digest' | 'review' | 'pairs' | 'skills';
  schedule: Schedule;
};
export type Playbook = {
  name: string;
  title: string;
  summary: string;
  charterPrompt: boolean;
  rituals: PlaybookRitual[];
  /** A debrief prompt on the project's last day, at this time ("HH:MM"), or none. */
  debriefTime: string | null;
};

const playbookFile = z.record(
  z.string().regex(/^[a-z][a-z0-9-]{0,30}$/),
  z.object({
    title: z.string().min(1).max(60),
    summary: z.string().min(1).max(300),
    charterPrompt: z.boolean().default(false),
    rituals: z.array(z.string().max(200)).max(10),
    debriefAtEnd: z.boolean().default(false),
    debriefTime: z.string().default('14:00'),
  }),
);

/** Every playbook in the file, each ritual read as `/rituals` reads it; a clear error names what is wrong. */
export function readPlaybooks(text: string): Map<string, Playbook> {
  const raw = JSON.parse(text) as Record<string, unknown>;
  delete raw.$comment;
  const parsed = playbookFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RapportError(
      'bad_playbooks',
      `playbooks.json: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
    );
  }
  return new Map(
    Object.entries(parsed.data).map(([name, p]) => [
      name,
      {
        name,
        title: p.title,
        summary: p.summary,
        charterPrompt: p.charterPrompt,
        rituals: p.rituals.map((command) => ritualOf(name, command)),
        debriefTime: p.debriefAtEnd ? checked(name, () => parseTime(p.debriefTime)) : null,
      },
    ]),
  );
}

function ritualOf(playbook: string, command: string): PlaybookRitual {
  const parsed = checked(playbook, () => parseRitualsCommand(command));
  if (parsed.kind !== 'create') {
    throw new RapportError(
      'bad_playbooks',
      `playbooks.json: ${playbook}: "${command}" does not create a ritual`,
    );
  }
  return { kind: parsed.ritual, schedule: parsed.schedule };
}

function checked<T>(playbook: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof UserError) {
      throw new RapportError('bad_playbooks', `playbooks.json: ${playbook}: ${error.userMessage}`, {
        cause: error,
      });
    }
    throw error;
  }
}

let loaded: Map<string, Playbook> | undefined;

/** The playbooks of playbooks.json, read once. */
export function playbooks(): Map<string, Playbook> {
  loaded ??= readPlaybooks(readFileSync(projectPath('playbooks.json'), 'utf8'));
  return loaded;
}
