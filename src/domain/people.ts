// The desk's people: staff users, customers and customer groups (users of type
// customer_group whose members are customers), with the rules for managing them, and
// the workspace's teams. Every read is a bounded number of queries whatever the list size.
import type { Prisma, Role, UserType } from '../generated/prisma/client.js';
import type { Ctx, Tx } from './context.js';
import { isStaff } from './context.js';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.js';
import { authorize } from './policy.js';

const userInclude = { teams: { select: { team: { select: { id: true, name: true } } }, orderBy: { teamId: 'asc' } } } as const;
type UserRow = Prisma.UserGetPayload<{ include: typeof userInclude }>;

export interface PersonView extends UserRow {
  membersCount: number;
  /** Tickets assigned to the user that are still in the inbox (not archived, spam or trashed). */
  activeTicketsCount: number;
  /** Tickets the user requested (spam and trash excluded). */
  requestedTicketsCount: number;
}

export interface UserListQuery {
  type: UserType;
  /** Roles to include (ignored for customer groups). */
  roles: Role[];
  /** Include invited (unconfirmed) users. */
  withInvited: boolean;
}

export interface UserInput {
  name?: string;
  email?: string | null;
  role?: Role;
  type?: UserType;
  teamIds?: number[];
  canMembersAccessGroupTickets?: boolean | null;
  emailDomains?: string[];
}

/** Member, active and requested ticket counts for these users: three grouped queries. */
async function withCounts(ctx: Ctx, users: UserRow[]): Promise<PersonView[]> {
  const ids = users.map((u) => u.id);
  if (!ids.length) return [];
  const open = { workspaceId: ctx.workspaceId, spam: false, trashed: false } as const;
  const [members, active, requested] = await Promise.all([
    ctx.db.customerGroupMember.groupBy({ by: ['groupId'], where: { groupId: { in: ids } }, _count: { _all: true } }),
    ctx.db.ticket.groupBy({ by: ['assigneeId'], where: { ...open, archived: false, assigneeId: { in: ids } }, _count: { _all: true } }),
    ctx.db.ticket.groupBy({ by: ['requesterId'], where: { ...open, requesterId: { in: ids } }, _count: { _all: true } }),
  ]);
  const m = new Map(members.map((r) => [r.groupId, r._count._all]));
  const a = new Map(active.map((r) => [r.assigneeId, r._count._all]));
  const q = new Map(requested.map((r) => [r.requesterId, r._count._all]));
  return users.map((u) => ({ ...u, membersCount: m.get(u.id) ?? 0, activeTicketsCount: a.get(u.id) ?? 0, requestedTicketsCount: q.get(u.id) ?? 0 }));
}

export async function listUsers(ctx: Ctx, q: UserListQuery): Promise<PersonView[]> {
  const where: Prisma.UserWhereInput = { workspaceId: ctx.workspaceId, type: q.type };
  if (q.type === 'user') where.role = { in: q.roles };
  if (!q.withInvited) where.invited = false;
  return withCounts(ctx, await ctx.db.user.findMany({ where, include: userInclude, orderBy: { id: 'asc' } }));
}

async function findUser(db: Tx | Ctx['db'], workspaceId: number, id: number): Promise<UserRow> {
  const u = await db.user.findFirst({ where: { id, workspaceId }, include: userInclude });
  if (!u) throw new NotFoundError('user', id);
  return u;
}

export async function getPerson(ctx: Ctx, id: number): Promise<PersonView> {
  return (await withCounts(ctx, [await findUser(ctx.db, ctx.workspaceId, id)]))[0];
}

/** Staff accounts (and promotions to staff) are the admins' business; agents manage customers. */
function requireMayManage(ctx: Ctx, roles: (Role | undefined)[]): void {
  authorize(ctx, 'user.manage_customers');
  if (roles.some((r) => r && isStaff(r))) authorize(ctx, 'user.manage_staff');
}

async function checkTeams(tx: Tx, workspaceId: number, teamIds: number[] | undefined, role: Role, type: UserType): Promise<void> {
  if (!teamIds?.length) return;
  if (role === 'customer' || type === 'customer_group') throw ValidationError.field('team_ids', 'customers and customer groups cannot join teams');
  const n = await tx.team.count({ where: { workspaceId, id: { in: teamIds } } });
  if (n !== new Set(teamIds).size) throw ValidationError.field('team_ids', 'every team must exist in this workspace');
}

function cleanName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const n = name.trim();
  if (!n) throw ValidationError.field('name', 'name must not be empty');
  return n;
}

function groupFields(input: UserInput, type: UserType): { canMembersAccessGroupTickets?: boolean | null; emailDomains?: string[] } {
  if (type !== 'customer_group') {
    if (input.emailDomains?.length) throw ValidationError.field('email_domains', 'only customer groups have e-mail domains');
    return {};
  }
  return {
    ...(input.canMembersAccessGroupTickets !== undefined ? { canMembersAccessGroupTickets: input.canMembersAccessGroupTickets } : {}),
    ...(input.emailDomains !== undefined ? { emailDomains: [...new Set(input.emailDomains.map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean))] } : {}),
  };
}

/** Creates a user or a customer group (always role customer), with its teams, in one transaction. */
export async function createPerson(ctx: Ctx, input: UserInput): Promise<PersonView> {
  const type = input.type ?? 'user';
  const role: Role = type === 'customer_group' ? 'customer' : (input.role ?? 'agent');
  requireMayManage(ctx, [role]);
  const name = cleanName(input.name);
  if (!name) throw ValidationError.field('name', 'name is required');
  const id = await ctx.db.$transaction(async (tx) => {
    await checkTeams(tx, ctx.workspaceId, input.teamIds, role, type);
    const u = await tx.user.create({
      data: {
        workspaceId: ctx.workspaceId,
        name,
        email: input.email?.trim().toLowerCase() || null,
        role,
        type,
        ...groupFields(input, type),
        teams: input.teamIds?.length ? { create: [...new Set(input.teamIds)].map((teamId) => ({ teamId })) } : undefined,
      },
      select: { id: true },
    });
    return u.id;
  });
  return getPerson(ctx, id);
}

/** Partial update. Nobody updates their own account through the API (SupportBee's rule). */
export async function updatePerson(ctx: Ctx, id: number, input: UserInput): Promise<PersonView> {
  if (ctx.actor?.userId === id) throw new ForbiddenError('you cannot update the user whose API token is being used');
  const current = await findUser(ctx.db, ctx.workspaceId, id);
  if (input.type !== undefined && input.type !== current.type) throw ValidationError.field('type', 'the type of a user cannot be changed');
  const role = current.type === 'customer_group' ? 'customer' : (input.role ?? current.role);
  requireMayManage(ctx, [current.role, role]);
  await ctx.db.$transaction(async (tx) => {
    if (input.teamIds !== undefined) {
      await checkTeams(tx, ctx.workspaceId, input.teamIds, role, current.type);
      await tx.teamMember.deleteMany({ where: { userId: id } });
      await tx.teamMember.createMany({ data: [...new Set(input.teamIds)].map((teamId) => ({ teamId, userId: id })) });
    } else if (!isStaff(role) && current.teams.length) {
      // A customer is in no team: demotion leaves them.
      await tx.teamMember.deleteMany({ where: { userId: id } });
    }
    await tx.user.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: cleanName(input.name) } : {}),
        ...(input.email !== undefined ? { email: input.email?.trim().toLowerCase() || null } : {}),
        role,
        ...groupFields(input, current.type),
      },
    });
  });
  return getPerson(ctx, id);
}

async function requireGroup(db: Tx | Ctx['db'], workspaceId: number, id: number): Promise<void> {
  const g = await db.user.findFirst({ where: { id, workspaceId }, select: { type: true } });
  if (!g) throw new NotFoundError('customer group', id);
  if (g.type !== 'customer_group') throw ValidationError.field('id', `user ${id} is not a customer group`);
}

export async function listGroupMembers(ctx: Ctx, groupId: number): Promise<PersonView[]> {
  await requireGroup(ctx.db, ctx.workspaceId, groupId);
  const users = await ctx.db.user.findMany({ where: { workspaceId: ctx.workspaceId, groupMemberships: { some: { groupId } } }, include: userInclude, orderBy: { id: 'asc' } });
  return withCounts(ctx, users);
}

/** Adds a customer to a customer group (idempotent); returns the member. */
export async function addGroupMember(ctx: Ctx, groupId: number, memberId: number): Promise<PersonView> {
  requireMayManage(ctx, []);
  await ctx.db.$transaction(async (tx) => {
    await requireGroup(tx, ctx.workspaceId, groupId);
    const m = await tx.user.findFirst({ where: { id: memberId, workspaceId: ctx.workspaceId }, select: { role: true, type: true } });
    if (!m) throw ValidationError.field('member', `user ${memberId} does not exist in this workspace`);
    if (m.type !== 'user' || m.role !== 'customer') throw ValidationError.field('member', 'only customers can be members of a customer group');
    await tx.customerGroupMember.createMany({ data: [{ groupId, memberId }], skipDuplicates: true });
  });
  return getPerson(ctx, memberId);
}

// ---- teams ----

export interface TeamQuery {
  /** Only teams with at least one member. */
  withUsers?: boolean;
  /** Only the teams of this user. */
  memberId?: number;
}

export function listTeams(ctx: Ctx, q: TeamQuery = {}) {
  const and: Prisma.TeamWhereInput[] = [];
  if (q.withUsers) and.push({ members: { some: {} } });
  if (q.memberId !== undefined) and.push({ members: { some: { userId: q.memberId } } });
  return ctx.db.team.findMany({ where: { workspaceId: ctx.workspaceId, AND: and }, orderBy: { id: 'asc' }, select: { id: true, name: true } });
}
