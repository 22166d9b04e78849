// The SupportBee dialect: SupportBee's REST API over the polydesk domain. Each resource
// family is a route module registered here; all share auth, the error envelope and mappers.
import type { FastifyPluginAsync } from 'fastify';
import { useSupportBeeAuth } from './auth.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { nestFormBodies } from '../../http/form-keys.js';
import { ticketRoutes } from './routes/tickets.js';
import { actionRoutes } from './routes/actions.js';
import { assignmentRoutes } from './routes/assignments.js';
import { conversationRoutes } from './routes/conversation.js';
import { labelRoutes } from './routes/labels.js';
import { auditRoutes } from './routes/audit.js';
import { draftRoutes } from './routes/drafts.js';
import { attachmentRoutes } from './routes/attachments.js';
import { userRoutes } from './routes/users.js';
import { teamRoutes } from './routes/teams.js';
import { snippetRoutes } from './routes/snippets.js';
import { emailRoutes } from './routes/emails.js';
import { filterRoutes } from './routes/filters.js';
import { reportRoutes } from './routes/reports.js';

/** Route modules, in registration order. Part 2 (users, teams, snippets, ...) appends here. */
export const routeModules: FastifyPluginAsync[] = [
  ticketRoutes,
  actionRoutes,
  assignmentRoutes,
  conversationRoutes,
  labelRoutes,
  auditRoutes,
  draftRoutes,
  attachmentRoutes,
  userRoutes,
  teamRoutes,
  snippetRoutes,
  emailRoutes,
  filterRoutes,
  reportRoutes,
];

const plugin: FastifyPluginAsync = async (app) => {
  useSupportBeeAuth(app);
  // Web forms post `ticket[subject]=...`; Rails nests those keys, so do we.
  nestFormBodies(app);
  app.setErrorHandler(errorHandler);
  // At the root (prefix "") the app's own 404 handler answers.
  if (app.prefix) app.setNotFoundHandler(notFoundHandler);
  for (const routes of routeModules) await app.register(routes);
};
export default plugin;
