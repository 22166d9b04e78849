// The auth plugin factory. Each dialect says where its credential lives and how it
// answers a failure; the lookup (hashed tokens, JWT grants) is shared.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateSecret, principalForGrant } from '../auth/tokens.js';
import type { Principal } from '../auth/principal.js';
import type { SuptaskClaims } from '../auth/jwt.js';
import { isStaff } from '../domain/context.js';

export type Credential = { token: string } | { jwt: string };
/** missing/invalid: no usable credential; forbidden: a customer's token on a staff-only route. */
export type AuthFailure = 'missing' | 'invalid' | 'forbidden';

export interface AuthScheme {
  /** The credential in this request, or null when none is presented. */
  credential(req: FastifyRequest): Credential | null;
  /** Answers an unauthenticated request the dialect's way. */
  reject(req: FastifyRequest, reply: FastifyReply, reason: AuthFailure): unknown;
}

export async function resolveCredential(app: FastifyInstance, cred: Credential): Promise<Principal | null> {
  if ('token' in cred) return authenticateSecret(app.db, cred.token, app.principalCache);
  let claims: SuptaskClaims;
  try {
    claims = app.jwt.verify<SuptaskClaims>(cred.jwt, { algorithms: ['HS256'] });
  } catch {
    return null;
  }
  const principal = await principalForGrant(app.db, Number(claims.jti), Number(claims.sub), app.principalCache);
  return principal && principal.workspaceId === claims.ws ? principal : null;
}

/**
 * Registers an onRequest hook on `app` (a dialect's encapsulated instance). Vendor APIs are
 * the desk's: customer-role tokens are refused unless the route serves anonymous callers
 * (`auth: 'optional'`) or opts in with `customers: true` (the domain then limits their view).
 */
export function useAuth(app: FastifyInstance, scheme: AuthScheme): void {
  app.addHook('onRequest', async (req, reply) => {
    const optional = req.routeOptions.config?.auth === 'optional';
    const cred = scheme.credential(req);
    if (!cred) {
      if (optional) return;
      return scheme.reject(req, reply, 'missing');
    }
    const principal = await resolveCredential(app, cred);
    if (!principal) return scheme.reject(req, reply, 'invalid');
    req.principal = principal;
    if (!isStaff(principal.role) && !optional && !req.routeOptions.config?.customers) return scheme.reject(req, reply, 'forbidden');
  });
}

/** `Authorization: <scheme> <value>` -> value, case-insensitive scheme. */
export function authorizationValue(req: FastifyRequest, scheme: string): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const i = h.indexOf(' ');
  if (i < 0 || h.slice(0, i).toLowerCase() !== scheme.toLowerCase()) return null;
  return h.slice(i + 1).trim() || null;
}

/** The authenticated principal; routes behind a required auth hook always have one. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Error('route reached without a principal');
  return req.principal;
}
