// Users of a workspace: lookups the ticket services need, and find-or-create for requesters.
import type { Role } from '../generated/prisma/client.js';
import type { SqlTx, Tx } from './context.js';
import { NotFoundError, ValidationError } from './errors.js';

export interface RequesterInput {
  email?: string | null;
  name?: string | null;
  slackId?: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// Hand-written SQL, so a ticket create can run them on the driver's transaction (db/rows.ts).
const REQUESTER_BY = {
  email: `SELECT id FROM "User" WHERE "workspaceId" = $1 AND email = $2`,
  slackId: `SELECT id FROM "User" WHERE "workspaceId" = $1 AND "slackId" = $2`,
};
// Two concurrent first tickets from one requester: the second waits for the first's row and
// then finds it. `updatedAt` is written as Prisma writes it (UTC wall clock).
const INSERT_REQUESTER = (key: '"workspaceId", email' | '"workspaceId", "slackId"') =>
  `INSERT INTO "User" ("workspaceId", email, name, role, "slackId", "createdAt", "updatedAt")
   VALUES ($1, $2, $3, 'customer', $4, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
   ON CONFLICT (${key}) DO NOTHING RETURNING id`;
const INSERT_REQUESTER_BY = { email: INSERT_REQUESTER('"workspaceId", email'), slackId: INSERT_REQUESTER('"workspaceId", "slackId"') };

/** Finds a user by email or Slack id, or creates a customer; inside the caller's transaction. */
export async function findOrCreateRequester(tx: SqlTx, workspaceId: number, input: RequesterInput): Promise<number> {
  const email = input.email?.trim().toLowerCase() || null;
  const slackId = input.slackId?.trim() || null;
  if (email && !EMAIL.test(email)) throw ValidationError.field('requester_email', 'requester email is not a valid e-mail address');
  if (!email && !slackId) throw ValidationError.field('requester', 'a requester e-mail or Slack member id is required');
  const by = email ? 'email' : 'slackId';
  const key = email ?? slackId;
  const find = async () => (await tx.$queryRawUnsafe<{ id: number }[]>(REQUESTER_BY[by], workspaceId, key))[0]?.id;
  const found = await find();
  if (found != null) return found;
  const name = input.name?.trim() || (email ? email.split('@')[0] : slackId) || 'Customer';
  const [created] = await tx.$queryRawUnsafe<{ id: number }[]>(INSERT_REQUESTER_BY[by], workspaceId, email, name, slackId);
  const id = created?.id ?? (await find());
  if (id == null) throw new Error('requester vanished between insert and read');
  return id;
}

const ASSIGNABLE_BY = {
  id: `SELECT id, name, role::text AS role FROM "User" WHERE "workspaceId" = $1 AND type = 'user' AND id = $2`,
  slackId: `SELECT id, name, role::text AS role FROM "User" WHERE "workspaceId" = $1 AND type = 'user' AND "slackId" = $2`,
  email: `SELECT id, name, role::text AS role FROM "User" WHERE "workspaceId" = $1 AND type = 'user' AND email = $2 LIMIT 1`,
};

/** A user of the workspace who may be assigned tickets (admin or agent), or a ValidationError. */
export async function requireAssignableUser(
  tx: SqlTx,
  workspaceId: number,
  where: { id: number } | { slackId: string } | { email: string },
  field = 'assignee',
): Promise<{ id: number; name: string; role: Role }> {
  const [by, value] = 'id' in where ? (['id', where.id] as const) : 'slackId' in where ? (['slackId', where.slackId] as const) : (['email', where.email] as const);
  const [user] = await tx.$queryRawUnsafe<{ id: number; name: string; role: Role }[]>(ASSIGNABLE_BY[by], workspaceId, value);
  if (!user) throw ValidationError.field(field, `${field} is not a user of this workspace`);
  if (user.role !== 'admin' && user.role !== 'agent') throw ValidationError.field(field, `${field} must be an agent or admin`);
  return user;
}

export async function requireUser(tx: Tx, workspaceId: number, id: number) {
  const user = await tx.user.findFirst({ where: { workspaceId, id } });
  if (!user) throw new NotFoundError('user', id);
  return user;
}
