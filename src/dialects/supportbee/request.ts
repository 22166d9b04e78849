// Per-request helpers: the domain context (also for anonymous ticket creation) and links.
import type { FastifyRequest } from 'fastify';
import type { Ctx } from '../../domain/context.js';
import { workspaceBySlug } from '../../domain/catalog.js';
import { ctxOf } from '../../http/context.js';
import { publicBase } from '../../http/public-url.js';
import type { Links } from './mappers.js';

export const sbCtx = ctxOf;

/** Authenticated: the token's workspace. Anonymous: `?company=<slug>`, else the bootstrap workspace. */
export async function creationCtx(req: FastifyRequest, company: string | undefined): Promise<Ctx> {
  if (req.principal) return ctxOf(req);
  const workspaceId = await workspaceBySlug(req.server.db, company ?? req.server.config.bootstrap.workspace);
  return { db: req.server.db, workspaceId, actor: null };
}

export function links(req: FastifyRequest): Links {
  const base = `${publicBase(req)}${req.server.prefix}`;
  return { attachment: (id) => `${base}/attachments/${id}/download` };
}
