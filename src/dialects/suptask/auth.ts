// Suptask authentication: `Authorization: Api-Token <token>` (an API token of a user) or
// `Authorization: Bearer <jwt>` (a JWT minted by the admin API; the core verifies it and
// its grant row, so revoking the grant revokes the JWT). Failures are 401 {message}.
import type { FastifyInstance } from 'fastify';
import { authorizationValue, useAuth } from '../../http/auth.js';
import { refusedReadLimit } from './rate-limit.js';

export function suptaskAuth(app: FastifyInstance): void {
  const limited = refusedReadLimit(app);
  useAuth(app, {
    credential(req) {
      const token = authorizationValue(req, 'Api-Token');
      if (token) return { token };
      const jwt = authorizationValue(req, 'Bearer');
      return jwt ? { jwt } : null;
    },
    async reject(req, reply, reason) {
      // A 429 thrown here is answered by the error handler instead of the refusal.
      await limited(req, reply);
      if (reason === 'forbidden') return reply.status(403).send({ message: 'Access denied: the API is for agents and admins' });
      const message = reason === 'missing' ? 'Unauthorized: missing authentication token' : 'Unauthorized: invalid or expired authentication token';
      return reply.status(401).send({ message });
    },
  });
}
