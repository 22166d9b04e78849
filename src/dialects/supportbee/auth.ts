// SupportBee authentication: `Authorization: Bearer <token>` or `?auth_token=<token>`.
// Missing and bad tokens are both "access denied" (403). The API is for the desk's staff:
// customer tokens are refused everywhere but the public ticket form and the ticket reads
// marked `customers` (own tickets and, where a group allows it, the group's tickets).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorizationValue, useAuth, type Credential } from '../../http/auth.js';
import { errorBody } from './errors.js';

function credential(req: FastifyRequest): Credential | null {
  const header = authorizationValue(req, 'Bearer');
  if (header) return { token: header };
  const raw = (req.query as { auth_token?: unknown } | undefined)?.auth_token;
  const q = Array.isArray(raw) ? raw[0] : raw; // a repeated key: the first one
  return typeof q === 'string' && q ? { token: q } : null;
}

export function useSupportBeeAuth(app: FastifyInstance): void {
  useAuth(app, {
    credential,
    reject: (_req, reply, reason) =>
      reply
        .status(403)
        .send(errorBody(reason === 'missing' ? 'Access denied: an API token is required' : reason === 'forbidden' ? 'Access denied: the API is for agents' : 'Access denied: invalid API token')),
  });
}
