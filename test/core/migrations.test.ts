import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAdapter } from '../../src/db/adapter.js';
import { openDatabase } from '../../src/db/client.js';
import { applyMigrations, pendingSchemaChanges, readMigrations } from '../../src/db/schema-engine.js';
import { freshTarget, onPostgres } from '../helpers/database.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('migrations', () => {
  it(`apply on ${onPostgres() ? 'PostgreSQL' : 'PGlite'}, are recorded in _prisma_migrations and are idempotent`, async () => {
    // In-memory PGlite dies with its handle; reopening needs an on-disk one.
    const fresh = onPostgres() ? await freshTarget() : null;
    const dir = fresh ? null : await mkdtemp(path.join(os.tmpdir(), 'polydesk-mig-'));
    const target = fresh ? fresh.target : { kind: 'pglite' as const, dataDir: dir };
    cleanups.push(async () => {
      await fresh?.drop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });
    const { migrationDirectories } = await readMigrations();
    const handle = await openAdapter(target);
    try {
      expect(await applyMigrations(handle.factory)).toEqual(migrationDirectories.map((m) => m.path));
      expect(await applyMigrations(handle.factory)).toEqual([]);
    } finally {
      await handle.close();
    }
    const db = await openDatabase(target);
    try {
      expect(db.applied).toEqual([]);
      const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string; finished_at: Date | null }[]>(
        'SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(rows.map((r) => r.migration_name)).toEqual(migrationDirectories.map((m) => m.path));
      expect(rows.every((r) => r.finished_at !== null)).toBe(true);
      // The schema is really there: a table of the domain answers.
      expect(await db.prisma.ticket.count()).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('match schema.prisma (run `npm run migration:create -- <name>` when this fails)', async () => {
    const scratch = await openAdapter({ kind: 'pglite', dataDir: null });
    try {
      expect(await pendingSchemaChanges(scratch.factory)).toBe('');
    } finally {
      await scratch.close();
    }
  });

  it('keep data across restarts of an on-disk PGlite, and lock its directory', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'polydesk-persist-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    expect(first.applied.length).toBeGreaterThan(0);
    await first.prisma.workspace.create({ data: { slug: 'kept', name: 'Kept' } });
    // The same process holds the lock; a different live pid would be refused (see pglite-lock.ts).
    await first.close();
    const second = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      expect(second.applied).toEqual([]);
      expect(await second.prisma.workspace.findUnique({ where: { slug: 'kept' } })).toMatchObject({ name: 'Kept' });
    } finally {
      await second.close();
    }
  });
});
