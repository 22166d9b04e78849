// API tokens: random secrets shown once, stored only as sha256 hashes.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/client.js';
import type { Tx } from '../domain/context.js';
import type { Principal } from './principal.js';
import type { PrincipalCache } from './principal-cache.js';

export const TOKEN_PREFIX = 'pd_';

export function generateSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Display prefix: enough to tell tokens apart, never enough to use one. */
export const displayPrefix = (secret: string): string => secret.slice(0, TOKEN_PREFIX.length + 6);

export async function createApiToken(db: Tx, input: { workspaceId: number; userId: number; name?: string; secret?: string }) {
  const secret = input.secret ?? generateSecret();
  const row = await db.apiToken.create({
    data: {
      workspaceId: input.workspaceId,
      userId: input.userId,
      name: input.name ?? 'default',
      prefix: displayPrefix(secret),
      hash: hashToken(secret),
    },
    select: { id: true, name: true, prefix: true, createdAt: true, userId: true, workspaceId: true },
  });
  return { secret, token: row };
}

const LAST_USED_RESOLUTION_MS = 60_000;

const principalSelect = {
  id: true,
  hash: true,
  kind: true,
  revokedAt: true,
  expiresAt: true,
  lastUsedAt: true,
  workspace: { select: { id: true, slug: true } },
  user: { select: { id: true, name: true, email: true, slackId: true, role: true, workspaceId: true } },
} as const;

type TokenRow = NonNullable<Awaited<ReturnType<typeof findRow>>>;
const findRow = (db: Db, where: { hash: string } | { id: number }) => db.apiToken.findUnique({ where, select: principalSelect });

async function toPrincipal(db: Db, row: TokenRow | null, via: Principal['via'], cache: PrincipalCache | undefined, key: string): Promise<Principal | null> {
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return null;
  if (row.user.workspaceId !== row.workspace.id) return null;
  // Coarse last-used tracking: at most one write a minute per token, off the request's path.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  }
  const principal: Principal = {
    workspaceId: row.workspace.id,
    workspaceSlug: row.workspace.slug,
    userId: row.user.id,
    name: row.user.name,
    email: row.user.email,
    slackId: row.user.slackId,
    role: row.user.role,
    tokenId: row.id,
    via,
  };
  cache?.set(key, principal, row.expiresAt);
  return principal;
}

/**
 * The principal behind an API token secret, or null. The hash is compared in constant time.
 * With a cache, a token resolved in the last few seconds is not looked up again.
 */
export async function authenticateSecret(db: Db, secret: string, cache?: PrincipalCache): Promise<Principal | null> {
  if (!secret || secret.length > 512) return null;
  const hash = hashToken(secret);
  const key = `t:${hash}`;
  const cached = cache?.get(key);
  if (cached) return cached;
  const row = await findRow(db, { hash });
  if (!row || row.kind !== 'api') return null;
  if (!timingSafeEqual(Buffer.from(row.hash, 'hex'), Buffer.from(hash, 'hex'))) return null;
  return toPrincipal(db, row, 'token', cache, key);
}

/** The principal behind a verified JWT grant (its jti names the grant row). */
export async function principalForGrant(db: Db, grantId: number, userId: number, cache?: PrincipalCache): Promise<Principal | null> {
  if (!Number.isSafeInteger(grantId) || grantId <= 0 || grantId > 2147483647) return null;
  const key = `g:${grantId}`;
  const cached = cache?.get(key);
  if (cached) return cached.userId === userId ? cached : null;
  const row = await findRow(db, { id: grantId });
  if (!row || row.kind !== 'jwt' || row.user.id !== userId) return null;
  return toPrincipal(db, row, 'jwt', cache, key);
}
