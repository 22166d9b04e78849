// The TaskIP dialect: X-Secret-Key auth, the vendor's envelopes per route family and its
// error object, one rate limit per person (config.limits.taskip) over all its routes.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { useAuth } from '../../http/auth.js';
import { limit } from '../../http/rate-limit.js';
import { errorBody, taskipErrorHandler, taskipNotFound } from './errors.js';
import { routeKit } from './route.js';
import { laravelInput } from './laravel-input.js';
import { supportTicketRoutes } from './routes/support-tickets.js';
import { ticketUuidRoutes } from './routes/ticket-uuid.js';
import { ticketActionRoutes } from './routes/ticket-actions.js';
import { attachmentRoutes } from './routes/attachments.js';
import { analyticsRoutes } from './routes/analytics.js';

const plugin: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  useAuth(app, {
    credential: (req) => {
      const key = req.headers['x-secret-key'];
      const token = (Array.isArray(key) ? key[0] : key)?.trim();
      return token ? { token } : null;
    },
    reject: (_req, reply, reason) =>
      reason === 'forbidden'
        ? reply.status(403).send(errorBody(403, 'This key belongs to a client, not a team member'))
        : reply.status(401).send(errorBody(401, 'Invalid or missing X-Secret-Key')),
  });
  // One budget per person across every TaskIP route (a route-level limit would count each route apart).
  const { max, windowMs } = app.config.limits.taskip;
  app.addHook('preHandler', app.rateLimit(limit({ group: 'taskip', max, timeWindow: windowMs })));
  app.setErrorHandler(taskipErrorHandler);
  laravelInput(app);
  app.setNotFoundHandler(taskipNotFound);

  const kit = routeKit(app);
  supportTicketRoutes(app, kit);
  ticketUuidRoutes(app, kit);
  ticketActionRoutes(app, kit);
  attachmentRoutes(app, kit);
  analyticsRoutes(app, kit);
};
export default plugin;
