// The Suptask dialect (seed 000): tickets created from Slack forms, read by ticket number,
// updated, deleted, linked to external tickets and replied to. Paths are Suptask's own.
import type { FastifyPluginAsync } from 'fastify';
import { suptaskAuth } from './auth.js';
import { suptaskErrors } from './errors.js';
import { isoRateLimitReset } from './rate-limit.js';
import { ticketRoutes } from './routes/tickets.js';
import { actionRoutes } from './routes/actions.js';

const plugin: FastifyPluginAsync = async (app) => {
  suptaskErrors(app);
  suptaskAuth(app);
  isoRateLimitReset(app);
  await app.register(ticketRoutes);
  await app.register(actionRoutes);
};
export default plugin;
