// The native admin API (/admin/v1): what no dialect manages. Bearer admin token.
// Admins manage their own workspace; admins of the bootstrap workspace ("server admins")
// also manage workspaces and may address any workspace with ?workspace=<slug>.
import type { FastifyPluginAsync } from 'fastify';
import { authorizationValue, useAuth } from '../http/auth.js';
import { workspaceRoutes } from './workspaces.js';
import { userRoutes } from './users.js';
import { teamRoutes } from './teams.js';
import { tokenRoutes } from './tokens.js';
import { catalogRoutes } from './catalog.js';
import { formRoutes } from './forms.js';
import { jwtRoutes } from './jwt.js';

export const adminApi: FastifyPluginAsync = async (app) => {
  useAuth(app, {
    credential: (req) => {
      const token = authorizationValue(req, 'Bearer');
      return token ? { token } : null;
    },
    reject: (_req, reply, reason) => reply.status(401).send({ message: reason === 'missing' ? 'Missing bearer token' : 'Invalid or revoked token' }),
  });
  app.addHook('preHandler', async (req, reply) => {
    if (req.principal?.role !== 'admin') return reply.status(403).send({ message: 'Admin role required' });
  });
  // A change made here (token revoked, user's role changed or removed) takes effect on this
  // instance at once; other instances drop their cached principals within the cache TTL.
  // (onSend: before the client sees the answer.)
  app.addHook('onSend', async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') app.principalCache.clear();
  });
  await app.register(workspaceRoutes);
  await app.register(userRoutes);
  await app.register(teamRoutes);
  await app.register(tokenRoutes);
  await app.register(catalogRoutes);
  await app.register(formRoutes);
  await app.register(jwtRoutes);
};
