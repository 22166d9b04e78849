// Users of a workspace (agents, admins, collaborators, customers, customer groups).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { IntId, PathId, RowId, WorkspaceQuery, adminCtx } from './scope.js';

const Role = z.enum(['admin', 'agent', 'collaborator', 'customer']);
const Fields = {
  email: z.string().email().max(254).transform((e) => e.toLowerCase()).optional(),
  name: z.string().min(1).max(200),
  role: Role.default('agent'),
  type: z.enum(['user', 'customer_group']).default('user'),
  slackId: z.string().regex(/^[A-Z0-9]{2,32}$/, 'a Slack member id such as U012ABCDEF').optional(),
  teamIds: z.array(RowId).optional(),
  canMembersAccessGroupTickets: z.boolean().optional(),
  emailDomains: z.array(z.string().min(1)).optional(),
};
const Create = z.object(Fields).strict();
const Update = z
  .object({ ...Fields, name: Fields.name.optional(), role: Role.optional(), type: z.enum(['user', 'customer_group']).optional(), slackId: Fields.slackId.nullable() })
  .strict();

const include = { teams: { select: { team: { select: { id: true, name: true } } } } } as const;
const Member = z.object({ userId: RowId }).strict();
const MemberParams = z.object({ id: PathId, memberId: PathId });

export const userRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];

  async function checkTeams(workspaceId: number, teamIds?: number[]) {
    if (!teamIds?.length) return;
    const n = await app.db.team.count({ where: { workspaceId, id: { in: teamIds } } });
    if (n !== new Set(teamIds).size) throw ValidationError.field('teamIds', 'every team must exist in this workspace');
  }

  app.get('/users', { schema: { tags, querystring: WorkspaceQuery } }, async (req) => {
    const { workspaceId } = await adminCtx(req);
    return { users: await app.db.user.findMany({ where: { workspaceId }, include, orderBy: { id: 'asc' } }) };
  });
  app.post('/users', { config: { idempotent: true }, schema: { tags, querystring: WorkspaceQuery, body: Create } }, async (req, reply) => {
    const { workspaceId } = await adminCtx(req);
    const { teamIds, ...data } = req.body;
    await checkTeams(workspaceId, teamIds);
    const user = await app.db.user.create({
      data: { ...data, workspaceId, teams: teamIds ? { create: teamIds.map((teamId) => ({ teamId })) } : undefined },
      include,
    });
    return reply.status(201).send({ user });
  });
  app.get('/users/:id', { schema: { tags, params: IntId, querystring: WorkspaceQuery } }, async (req) => {
    const { workspaceId } = await adminCtx(req);
    const user = await app.db.user.findFirst({ where: { id: req.params.id, workspaceId }, include });
    if (!user) throw new NotFoundError('user', req.params.id);
    return { user };
  });
  app.patch('/users/:id', { schema: { tags, params: IntId, querystring: WorkspaceQuery, body: Update } }, async (req) => {
    const { workspaceId } = await adminCtx(req);
    const { teamIds, ...data } = req.body;
    const found = await app.db.user.findFirst({ where: { id: req.params.id, workspaceId }, select: { id: true } });
    if (!found) throw new NotFoundError('user', req.params.id);
    await checkTeams(workspaceId, teamIds);
    const user = await app.db.$transaction(async (tx) => {
      if (teamIds) {
        await tx.teamMember.deleteMany({ where: { userId: found.id } });
        await tx.teamMember.createMany({ data: teamIds.map((teamId) => ({ teamId, userId: found.id })) });
      }
      return tx.user.update({ where: { id: found.id }, data, include });
    });
    return { user };
  });
  app.delete('/users/:id', { schema: { tags, params: IntId, querystring: WorkspaceQuery } }, async (req, reply) => {
    const { workspaceId, actor } = await adminCtx(req);
    if (actor?.userId === req.params.id) throw ValidationError.field('id', 'cannot delete yourself');
    const { count } = await app.db.user.deleteMany({ where: { id: req.params.id, workspaceId } });
    if (!count) throw new NotFoundError('user', req.params.id);
    return reply.status(204).send();
  });

  // Customer groups are users of type customer_group; their members are customers.
  async function group(workspaceId: number, id: number) {
    const g = await app.db.user.findFirst({ where: { id, workspaceId }, select: { id: true, type: true } });
    if (!g) throw new NotFoundError('user', id);
    if (g.type !== 'customer_group') throw ValidationError.field('id', 'user is not a customer group');
    return g;
  }
  const memberList = (groupId: number) =>
    app.db.user.findMany({ where: { groupMemberships: { some: { groupId } } }, include, orderBy: { id: 'asc' } });

  app.get('/users/:id/members', { schema: { tags, params: IntId, querystring: WorkspaceQuery } }, async (req) => {
    const { workspaceId } = await adminCtx(req);
    await group(workspaceId, req.params.id);
    return { users: await memberList(req.params.id) };
  });
  app.post('/users/:id/members', { config: { idempotent: true }, schema: { tags, params: IntId, querystring: WorkspaceQuery, body: Member } }, async (req, reply) => {
    const { workspaceId } = await adminCtx(req);
    await group(workspaceId, req.params.id);
    const member = await app.db.user.findFirst({ where: { id: req.body.userId, workspaceId, type: 'user' }, select: { id: true, role: true } });
    if (!member) throw ValidationError.field('userId', 'user does not exist in this workspace');
    if (member.role !== 'customer') throw ValidationError.field('userId', 'only customers can join customer groups');
    await app.db.customerGroupMember.createMany({ data: [{ groupId: req.params.id, memberId: member.id }], skipDuplicates: true });
    return reply.status(201).send({ users: await memberList(req.params.id) });
  });
  app.delete('/users/:id/members/:memberId', { schema: { tags, params: MemberParams, querystring: WorkspaceQuery } }, async (req, reply) => {
    const { workspaceId } = await adminCtx(req);
    await group(workspaceId, req.params.id);
    const { count } = await app.db.customerGroupMember.deleteMany({ where: { groupId: req.params.id, memberId: req.params.memberId } });
    if (!count) throw new NotFoundError('group member', req.params.memberId);
    return reply.status(204).send();
  });
};
