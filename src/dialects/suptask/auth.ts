// Suptask authentication: `Authorization: Api-Token <token>` (an API token of a user) or
// `Authorization: Bearer <jwt>` (a JWT minted by the admin API; the core verifies it and
// its grant row, so revoking the grant revokes the JWT). Failures are 401 {message}.
import type { FastifyInstance } from 'fastify';
import { authorizationValue, useAuth } from '../../http/auth.js';

export function suptaskAuth(app: FastifyInstance): void {
  useAuth(app, {
    credential(req) {
      const token = authorizationValue(req, 'Api-Token');
      if (token) return { token };
      const jwt = authorizationValue(req, 'Bearer');
      return jwt ? { jwt } : null;
    },
    reject(_req, reply, reason) {
      if (reason === 'forbidden') return reply.status(403).send({ message: 'Access denied: the API is for agents and admins' });
      const message = reason === 'missing' ? 'Unauthorized: missing authentication token' : 'Unauthorized: invalid or expired authentication token';
      return reply.status(401).send({ message });
    },
  });
}
