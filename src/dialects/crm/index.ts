// The crm dialect: a CRM's Tickets API (seed 002). `Authorization: Bearer <api key>`,
// bodies form-encoded or JSON, `{data}` / `{data, meta}` on success, `{message, errors?}` on error.
import type { FastifyPluginAsync } from 'fastify';
import { authorizationValue, useAuth } from '../../http/auth.js';
import { registerErrorHandling, sendError } from './errors.js';
import { ticketRoutes } from './tickets.js';
import { actionRoutes } from './actions.js';
import { replyRoutes } from './replies.js';

const plugin: FastifyPluginAsync = async (app) => {
  registerErrorHandling(app);
  useAuth(app, {
    credential: (req) => {
      const token = authorizationValue(req, 'Bearer');
      return token ? { token } : null;
    },
    reject: (_req, reply, reason) => (reason === 'forbidden' ? sendError(reply, 403, 'This action is unauthorized.') : sendError(reply, 401, 'Unauthenticated.')),
  });
  // A form post with no fields (curl -X PUT without -d) has no body; validate it as an empty form.
  app.addHook('preValidation', async (req) => {
    if (req.body == null && req.method !== 'GET' && req.method !== 'DELETE') req.body = {};
  });
  await app.register(ticketRoutes);
  await app.register(actionRoutes);
  await app.register(replyRoutes);
};
export default plugin;
