import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/domain/workspaces.js';
import { authenticateSecret } from '../../src/auth/tokens.js';
import { freshDatabase } from '../helpers/database.js';
import type { Database } from '../../src/db/client.js';

let db: Database & { drop(): Promise<void> };
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.drop());

describe('bootstrap', () => {
  it('creates the default workspace and a one-time admin token on an empty database, once', async () => {
    const first = await bootstrap(db.prisma, { workspace: 'default' });
    expect(first?.workspaceSlug).toBe('default');
    expect(first?.generatedToken).toMatch(/^pd_/);
    const principal = await authenticateSecret(db.prisma, first!.generatedToken!);
    expect(principal).toMatchObject({ role: 'admin', workspaceSlug: 'default' });
    expect(await bootstrap(db.prisma, { workspace: 'default' })).toBeNull();
  });

  it('ensures BOOTSTRAP_WORKSPACE with an admin owning BOOTSTRAP_TOKEN, idempotently', async () => {
    const token = 'pd_bootstrap_token_for_ops_1234';
    expect(await bootstrap(db.prisma, { token, workspace: 'ops' })).toEqual({ workspaceSlug: 'ops' });
    expect(await bootstrap(db.prisma, { token, workspace: 'ops' })).toEqual({ workspaceSlug: 'ops' });
    expect(await db.prisma.apiToken.count({ where: { workspace: { slug: 'ops' } } })).toBe(1);
    expect(await authenticateSecret(db.prisma, token)).toMatchObject({ role: 'admin', workspaceSlug: 'ops' });
    expect(await authenticateSecret(db.prisma, token + 'x')).toBeNull();
  });
});
