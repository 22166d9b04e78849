// Which workspace an admin request acts on.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalOf } from '../http/auth.js';
import { ForbiddenError, NotFoundError } from '../domain/errors.js';
import type { Ctx } from '../domain/context.js';
import { actorOf } from '../auth/principal.js';

export const WorkspaceQuery = z.object({ workspace: z.string().optional() });

export function isServerAdmin(req: FastifyRequest): boolean {
  const p = principalOf(req);
  return p.role === 'admin' && p.workspaceSlug === req.server.config.bootstrap.workspace;
}

/** The caller's workspace, or (server admins only) the one named by ?workspace=. */
export async function adminCtx(req: FastifyRequest): Promise<Ctx> {
  const p = principalOf(req);
  const slug = (req.query as { workspace?: string } | undefined)?.workspace;
  let workspaceId = p.workspaceId;
  if (slug && slug !== p.workspaceSlug) {
    if (!isServerAdmin(req)) throw new ForbiddenError('only server admins may manage other workspaces');
    const ws = await req.server.db.workspace.findUnique({ where: { slug }, select: { id: true } });
    if (!ws) throw new NotFoundError('workspace', slug);
    workspaceId = ws.id;
  }
  return { db: req.server.db, workspaceId, actor: actorOf(p) };
}

/** A row id in a body (PostgreSQL int4); larger numbers name nothing and must not reach a query. */
export const RowId = z.number().int().positive().max(2147483647);
/** A row id in a path. */
export const PathId = z.coerce.number().int().positive().max(2147483647);
export const IntId = z.object({ id: PathId });
export const UuidId = z.object({ id: z.string().uuid() });
