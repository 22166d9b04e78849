// What every TaskIP route module gets: the typed instance, route options (OpenAPI tag,
// summary, documented error responses) and the request scope (domain context + absolute
// link base for `download_url`).
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, FastifySchema, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../http/context.js';
import { publicBase } from '../../http/public-url.js';
import type { Ctx } from '../../domain/context.js';
import { ErrorBody } from './errors.js';

export type TaskipApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

const errorResponses = { 401: ErrorBody, 404: ErrorBody, 422: ErrorBody, 429: ErrorBody };

export interface Scope {
  ctx: Ctx;
  /** Absolute URL of the dialect's mount point, e.g. "https://host/taskip". */
  base: string;
}

export function routeKit(app: TaskipApp) {
  const prefix = app.prefix;
  return {
    op<S extends FastifySchema>(summary: string, schema: S) {
      const response = { ...errorResponses, ...((schema.response ?? {}) as object) };
      return { schema: { tags: ['taskip'], summary, ...schema, response } };
    },
    scope(req: FastifyRequest): Scope {
      return { ctx: ctxOf(req), base: `${publicBase(req)}${prefix}` };
    },
  };
}
export type RouteKit = ReturnType<typeof routeKit>;
