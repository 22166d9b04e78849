// Headers every answer carries whatever produced it (route, error handler, load shedding),
// set in one synchronous onSend hook: the request id; when to retry a 503; and, while the
// process drains, `connection: close` so keep-alive clients move on and close() is not held open.
import type { FastifyInstance } from 'fastify';

export function registerResponseHeaders(app: FastifyInstance, opts: { retryAfterSeconds: number }): void {
  const retryAfter = String(opts.retryAfterSeconds);
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header('x-request-id', req.id);
    if (reply.statusCode === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', retryAfter);
    if (app.readiness.draining) reply.header('connection', 'close');
    done(null, payload);
  });
}
