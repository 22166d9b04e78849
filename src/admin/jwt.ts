// Minting Suptask JWTs (HS256) for a user: claims carry the user and the team (workspace).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createJwtGrant, type SuptaskClaims } from '../auth/jwt.js';
import { ValidationError } from '../domain/errors.js';
import { RowId, WorkspaceQuery, adminCtx } from './scope.js';

const Body = z
  .object({
    userId: RowId.optional(),
    email: z.string().email().optional(),
    slackId: z.string().optional(),
    expiresIn: z.number().int().min(1).max(60 * 60 * 24 * 365).default(3600),
  })
  .strict()
  .refine((b) => b.userId !== undefined || b.email !== undefined || b.slackId !== undefined, 'userId, email or slackId is required');

export const jwtRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post('/jwt', { config: { idempotent: true }, schema: { tags: ['admin'], querystring: WorkspaceQuery, body: Body } }, async (req, reply) => {
    const { workspaceId } = await adminCtx(req);
    const b = req.body;
    const user = await app.db.user.findFirst({
      where: { workspaceId, type: 'user', ...(b.userId !== undefined ? { id: b.userId } : b.email !== undefined ? { email: b.email.toLowerCase() } : { slackId: b.slackId }) },
      select: { id: true, name: true, workspace: { select: { id: true, slug: true } } },
    });
    if (!user) throw ValidationError.field('userId', 'user does not exist in this workspace');
    const expiresAt = new Date(Date.now() + b.expiresIn * 1000);
    const grant = await createJwtGrant(app.db, { workspaceId, userId: user.id, expiresAt });
    const claims: SuptaskClaims = { sub: String(user.id), team: user.workspace.slug, ws: user.workspace.id, name: user.name, jti: String(grant.id) };
    const token = app.jwt.sign(claims, { expiresIn: b.expiresIn, algorithm: 'HS256' });
    return reply.status(201).send({ token, expiresAt: expiresAt.toISOString(), grantId: grant.id });
  });
};
