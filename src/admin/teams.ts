// Teams and their members.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { IntId, PathId, RowId, WorkspaceQuery, adminCtx } from './scope.js';

const Body = z.object({ name: z.string().min(1).max(200) }).strict();
const Member = z.object({ userId: RowId }).strict();
const MemberParams = z.object({ id: PathId, userId: PathId });
const include = { members: { select: { user: { select: { id: true, name: true, email: true, role: true } } } } } as const;

export const teamRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];
  async function team(workspaceId: number, id: number) {
    const t = await app.db.team.findFirst({ where: { id, workspaceId }, include });
    if (!t) throw new NotFoundError('team', id);
    return t;
  }

  app.get('/teams', { schema: { tags, querystring: WorkspaceQuery } }, async (req) => {
    const { workspaceId } = await adminCtx(req);
    return { teams: await app.db.team.findMany({ where: { workspaceId }, include, orderBy: { id: 'asc' } }) };
  });
  app.post('/teams', { config: { idempotent: true }, schema: { tags, querystring: WorkspaceQuery, body: Body } }, async (req, reply) => {
    const { workspaceId } = await adminCtx(req);
    return reply.status(201).send({ team: await app.db.team.create({ data: { workspaceId, name: req.body.name }, include }) });
  });
  app.get('/teams/:id', { schema: { tags, params: IntId, querystring: WorkspaceQuery } }, async (req) => {
    const { workspaceId } = await adminCtx(req);
    return { team: await team(workspaceId, req.params.id) };
  });
  app.patch('/teams/:id', { schema: { tags, params: IntId, querystring: WorkspaceQuery, body: Body } }, async (req) => {
    const { workspaceId } = await adminCtx(req);
    await team(workspaceId, req.params.id);
    return { team: await app.db.team.update({ where: { id: req.params.id }, data: { name: req.body.name }, include }) };
  });
  app.delete('/teams/:id', { schema: { tags, params: IntId, querystring: WorkspaceQuery } }, async (req, reply) => {
    const { workspaceId } = await adminCtx(req);
    await team(workspaceId, req.params.id);
    await app.db.team.delete({ where: { id: req.params.id } });
    return reply.status(204).send();
  });
  app.post('/teams/:id/members', { config: { idempotent: true }, schema: { tags, params: IntId, querystring: WorkspaceQuery, body: Member } }, async (req, reply) => {
    const { workspaceId } = await adminCtx(req);
    await team(workspaceId, req.params.id);
    const user = await app.db.user.findFirst({ where: { id: req.body.userId, workspaceId, type: 'user' }, select: { id: true, role: true } });
    if (!user) throw ValidationError.field('userId', 'user does not exist in this workspace');
    if (user.role === 'customer') throw ValidationError.field('userId', 'customers cannot join teams');
    await app.db.teamMember.createMany({ data: [{ teamId: req.params.id, userId: user.id }], skipDuplicates: true });
    return reply.status(201).send({ team: await team(workspaceId, req.params.id) });
  });
  app.delete('/teams/:id/members/:userId', { schema: { tags, params: MemberParams, querystring: WorkspaceQuery } }, async (req, reply) => {
    const { workspaceId } = await adminCtx(req);
    await team(workspaceId, req.params.id);
    const { count } = await app.db.teamMember.deleteMany({ where: { teamId: req.params.id, userId: req.params.userId } });
    if (!count) throw new NotFoundError('team member', req.params.userId);
    return reply.status(204).send();
  });
};
