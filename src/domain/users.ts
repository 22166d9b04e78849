// Users of a workspace: lookups the ticket services need, and find-or-create for requesters.
import type { Prisma, Role } from '../generated/prisma/client.js';
import type { Tx } from './context.js';
import { NotFoundError, ValidationError } from './errors.js';

export interface RequesterInput {
  email?: string | null;
  name?: string | null;
  slackId?: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Finds a user by email or Slack id, or creates a customer; inside the caller's transaction. */
export async function findOrCreateRequester(tx: Tx, workspaceId: number, input: RequesterInput): Promise<number> {
  const email = input.email?.trim().toLowerCase() || null;
  const slackId = input.slackId?.trim() || null;
  if (email && !EMAIL.test(email)) throw ValidationError.field('requester_email', 'requester email is not a valid e-mail address');
  if (!email && !slackId) throw ValidationError.field('requester', 'a requester e-mail or Slack member id is required');
  const where: Prisma.UserWhereInput = email ? { workspaceId, email } : { workspaceId, slackId };
  const found = await tx.user.findFirst({ where, select: { id: true } });
  if (found) return found.id;
  const name = input.name?.trim() || (email ? email.split('@')[0] : slackId) || 'Customer';
  // Upsert on the unique key so two concurrent first tickets from one requester do not collide.
  const created = email
    ? await tx.user.upsert({
        where: { workspaceId_email: { workspaceId, email } },
        create: { workspaceId, email, name, role: 'customer', slackId },
        update: {},
        select: { id: true },
      })
    : await tx.user.upsert({
        where: { workspaceId_slackId: { workspaceId, slackId: slackId! } },
        create: { workspaceId, name, role: 'customer', slackId },
        update: {},
        select: { id: true },
      });
  return created.id;
}

/** A user of the workspace who may be assigned tickets (admin or agent), or a ValidationError. */
export async function requireAssignableUser(
  tx: Tx,
  workspaceId: number,
  where: { id: number } | { slackId: string } | { email: string },
  field = 'assignee',
): Promise<{ id: number; name: string; role: Role }> {
  const user = await tx.user.findFirst({ where: { workspaceId, type: 'user', ...where }, select: { id: true, name: true, role: true } });
  if (!user) throw ValidationError.field(field, `${field} is not a user of this workspace`);
  if (user.role !== 'admin' && user.role !== 'agent') throw ValidationError.field(field, `${field} must be an agent or admin`);
  return user;
}

export async function requireUser(tx: Tx, workspaceId: number, id: number) {
  const user = await tx.user.findFirst({ where: { workspaceId, id } });
  if (!user) throw new NotFoundError('user', id);
  return user;
}
