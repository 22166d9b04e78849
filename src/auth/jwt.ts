// Suptask JWTs (HS256). Each minted JWT is backed by a grant row (ApiToken kind "jwt"),
// so revoking the grant revokes the JWT before it expires.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import { hashToken } from './tokens.js';

export interface SuptaskClaims {
  /** user id */
  sub: string;
  /** the user's workspace (Suptask's "team") */
  team: string;
  ws: number;
  name: string;
  jti: string;
}

export async function createJwtGrant(db: Db, input: { workspaceId: number; userId: number; expiresAt: Date; name?: string }) {
  const nonce = randomBytes(16).toString('hex');
  return db.apiToken.create({
    data: { workspaceId: input.workspaceId, userId: input.userId, kind: 'jwt', name: input.name ?? 'jwt', prefix: 'jwt', hash: hashToken(`jwt:${nonce}`), expiresAt: input.expiresAt },
    select: { id: true, expiresAt: true },
  });
}
