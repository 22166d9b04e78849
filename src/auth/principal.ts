// The authenticated caller of a request.
import type { Role } from '../generated/prisma/client.js';
import type { Actor } from '../domain/context.js';

export interface Principal {
  workspaceId: number;
  workspaceSlug: string;
  userId: number;
  name: string;
  email: string | null;
  slackId: string | null;
  role: Role;
  tokenId: number;
  via: 'token' | 'jwt';
}

export const actorOf = (p: Principal | null): Actor | null => (p ? { userId: p.userId, name: p.name, role: p.role } : null);
