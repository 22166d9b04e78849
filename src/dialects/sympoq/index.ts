// The Sympoq Desk dialect: the Tickets API under /app/desk/api, authenticated by the
// `apikey` header, answering errors as {"error": "..."}.
import type { FastifyPluginAsync } from 'fastify';
import { useAuth } from '../../http/auth.js';
import { errorHandler, notFoundHandler, sendError } from './errors.js';
import { ticketReadRoutes } from './routes/tickets.js';
import { actionRoutes } from './routes/actions.js';

const plugin: FastifyPluginAsync = async (app) => {
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);

  // Sympoq clients send `Content-Type: application/json` on body-less actions (close):
  // an empty JSON body is no body, anything else goes to Fastify's own safe parser.
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body.toString();
    if (text.trim() === '') return done(null, undefined);
    json(req, text, done);
  });

  useAuth(app, {
    credential(req) {
      const key = req.headers.apikey;
      const token = (Array.isArray(key) ? key[0] : key)?.trim();
      return token ? { token } : null;
    },
    // API keys are an agent's: a customer's token is not a valid Sympoq apikey either.
    reject: (_req, reply, reason) =>
      reason === 'forbidden' ? sendError(reply, 403, 'This apikey belongs to a customer, not an agent') : sendError(reply, 401, reason === 'missing' ? 'Missing apikey header' : 'Invalid apikey'),
  });

  await app.register(ticketReadRoutes);
  await app.register(actionRoutes);
};

export default plugin;
