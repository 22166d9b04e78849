// Workspaces (tenants) and the first-start bootstrap.
import type { Db } from '../db/client.js';
import type { Tx } from './context.js';
import { createApiToken, hashToken } from '../auth/tokens.js';
import { ConflictError, ValidationError } from './errors.js';

export const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export async function createWorkspace(db: Db, input: { slug: string; name?: string; dateFormat?: string; datetimeFormat?: string; timeZone?: string }) {
  if (!SLUG.test(input.slug)) throw ValidationError.field('slug', 'slug must be lowercase letters, digits and dashes');
  const exists = await db.workspace.findUnique({ where: { slug: input.slug }, select: { id: true } });
  if (exists) throw new ConflictError(`workspace ${input.slug} already exists`);
  return db.workspace.create({ data: { slug: input.slug, name: input.name ?? input.slug, dateFormat: input.dateFormat, datetimeFormat: input.datetimeFormat, timeZone: input.timeZone } });
}

export interface BootstrapResult {
  workspaceSlug: string;
  /** Set only when a new admin token was generated and must be shown once. */
  generatedToken?: string;
}

/**
 * With a bootstrap token: ensure its workspace, an admin user and the token. Without one,
 * on an empty database: create the default workspace and admin, and generate a token.
 */
export async function bootstrap(db: Db, opts: { token?: string; workspace: string }): Promise<BootstrapResult | null> {
  // One transaction: a process that dies half-way must not leave a workspace without its token.
  return db.$transaction(async (tx) => {
    if (opts.token) {
      const ws = await tx.workspace.upsert({ where: { slug: opts.workspace }, create: { slug: opts.workspace, name: opts.workspace }, update: {} });
      const existing = await tx.apiToken.findUnique({ where: { hash: hashToken(opts.token) }, select: { id: true } });
      if (existing) return { workspaceSlug: ws.slug };
      const admin = await ensureAdmin(tx, ws.id, ws.slug);
      await createApiToken(tx, { workspaceId: ws.id, userId: admin, name: 'bootstrap', secret: opts.token });
      return { workspaceSlug: ws.slug };
    }
    if ((await tx.workspace.count()) > 0) return null;
    const ws = await tx.workspace.create({ data: { slug: opts.workspace, name: opts.workspace } });
    const admin = await ensureAdmin(tx, ws.id, ws.slug);
    const { secret } = await createApiToken(tx, { workspaceId: ws.id, userId: admin, name: 'bootstrap' });
    return { workspaceSlug: ws.slug, generatedToken: secret };
  });
}

async function ensureAdmin(tx: Tx, workspaceId: number, slug: string): Promise<number> {
  const found = await tx.user.findFirst({ where: { workspaceId, role: 'admin', type: 'user' }, orderBy: { id: 'asc' }, select: { id: true } });
  if (found) return found.id;
  const u = await tx.user.create({ data: { workspaceId, email: `admin@${slug}.local`, name: 'Admin', role: 'admin' }, select: { id: true } });
  return u.id;
}
