// The domain context of a request: its database, the caller's workspace and actor.
import type { FastifyRequest } from 'fastify';
import type { Ctx } from '../domain/context.js';
import { actorOf } from '../auth/principal.js';
import { principalOf } from './auth.js';

export function ctxOf(req: FastifyRequest): Ctx {
  const p = principalOf(req);
  return { db: req.server.db, workspaceId: p.workspaceId, actor: actorOf(p), files: req.server.attachmentStore };
}
