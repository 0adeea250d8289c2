import { UserError } from '../errors.js';
import type { Directory } from './directory.js';

/** Refuses, by name, anyone but a workspace admin or owner (users.info's is_admin, is_owner). */
export async function requireAdmin(
  directory: Directory,
  teamId: string,
  userId: string,
  what: string,
): Promise<void> {
  const person = await directory.find(teamId, userId);
  if (!person?.isAdmin) throw new UserError(`Only workspace admins and owners can ${what}.`, 'forbidden');
}
