// API tokens: created for a user (the secret is returned once), listed without secrets, revoked.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createApiToken } from '../auth/tokens.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { IntId, RowId, WorkspaceQuery, adminCtx } from './scope.js';

const Create = z
  .object({ userId: RowId.optional(), email: z.string().email().optional(), name: z.string().min(1).max(100).default('default') })
  .strict()
  .refine((b) => b.userId !== undefined || b.email !== undefined, 'userId or email is required');
const select = { id: true, name: true, kind: true, prefix: true, userId: true, lastUsedAt: true, revokedAt: true, expiresAt: true, createdAt: true } as const;

export const tokenRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];
  app.get('/tokens', { schema: { tags, querystring: WorkspaceQuery } }, async (req) => {
    const { workspaceId } = await adminCtx(req);
    return { tokens: await app.db.apiToken.findMany({ where: { workspaceId }, select, orderBy: { id: 'asc' } }) };
  });
  app.post('/tokens', { config: { idempotent: true }, schema: { tags, querystring: WorkspaceQuery, body: Create } }, async (req, reply) => {
    const { workspaceId } = await adminCtx(req);
    const user = await app.db.user.findFirst({
      where: { workspaceId, type: 'user', ...(req.body.userId !== undefined ? { id: req.body.userId } : { email: req.body.email!.toLowerCase() }) },
      select: { id: true },
    });
    if (!user) throw ValidationError.field('userId', 'user does not exist in this workspace');
    const { secret, token } = await createApiToken(app.db, { workspaceId, userId: user.id, name: req.body.name });
    return reply.status(201).send({ token: secret, id: token.id, prefix: token.prefix, userId: user.id, name: token.name });
  });
  app.delete('/tokens/:id', { schema: { tags, params: IntId, querystring: WorkspaceQuery } }, async (req, reply) => {
    const { workspaceId } = await adminCtx(req);
    const { count } = await app.db.apiToken.updateMany({ where: { id: req.params.id, workspaceId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (!count) throw new NotFoundError('token', req.params.id);
    return reply.status(204).send();
  });
};
