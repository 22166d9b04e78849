// Workspaces: server admins list, create, update and delete them; any admin reads and
// updates the settings of their own (Sympoq date formats, time zone).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createWorkspace } from '../domain/workspaces.js';
import { ForbiddenError, NotFoundError } from '../domain/errors.js';
import { principalOf } from '../http/auth.js';
import { isServerAdmin } from './scope.js';
import { isValidTimeZone } from '../domain/time.js';

const Settings = {
  name: z.string().min(1).max(200).optional(),
  dateFormat: z.string().min(2).max(40).optional(),
  datetimeFormat: z.string().min(2).max(60).optional(),
  timeZone: z.string().refine(isValidTimeZone, 'unknown IANA time zone').optional(),
};
const Create = z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes'), ...Settings }).strict();
const Update = z.object(Settings).strict();
const Slug = z.object({ slug: z.string() });

export const workspaceRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const serverAdminOnly = async (req: Parameters<typeof isServerAdmin>[0]) => {
    if (!isServerAdmin(req)) throw new ForbiddenError('server admin role required');
  };
  const mayManage = (req: Parameters<typeof isServerAdmin>[0], slug: string) => {
    if (principalOf(req).workspaceSlug !== slug && !isServerAdmin(req)) throw new ForbiddenError('not your workspace');
  };

  app.get('/workspaces', { preHandler: serverAdminOnly, schema: { tags: ['admin'] } }, async () => ({ workspaces: await app.db.workspace.findMany({ orderBy: { id: 'asc' } }) }));
  app.post('/workspaces', { config: { idempotent: true }, preHandler: serverAdminOnly, schema: { tags: ['admin'], body: Create } }, async (req, reply) =>
    reply.status(201).send({ workspace: await createWorkspace(app.db, req.body) }),
  );
  app.get('/workspaces/:slug', { schema: { tags: ['admin'], params: Slug } }, async (req) => {
    mayManage(req, req.params.slug);
    const ws = await app.db.workspace.findUnique({ where: { slug: req.params.slug } });
    if (!ws) throw new NotFoundError('workspace', req.params.slug);
    return { workspace: ws };
  });
  app.patch('/workspaces/:slug', { schema: { tags: ['admin'], params: Slug, body: Update } }, async (req) => {
    mayManage(req, req.params.slug);
    const ws = await app.db.workspace.findUnique({ where: { slug: req.params.slug }, select: { id: true } });
    if (!ws) throw new NotFoundError('workspace', req.params.slug);
    return { workspace: await app.db.workspace.update({ where: { id: ws.id }, data: req.body }) };
  });
  app.delete('/workspaces/:slug', { preHandler: serverAdminOnly, schema: { tags: ['admin'], params: Slug } }, async (req, reply) => {
    if (req.params.slug === principalOf(req).workspaceSlug) throw new ForbiddenError('cannot delete your own workspace');
    const ws = await app.db.workspace.findUnique({ where: { slug: req.params.slug }, select: { id: true } });
    if (!ws) throw new NotFoundError('workspace', req.params.slug);
    await app.db.workspace.delete({ where: { id: ws.id } });
    return reply.status(204).send();
  });
};
