import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAdapter } from '../../src/db/adapter.js';
import { openDatabase } from '../../src/db/client.js';
import { loadTemplate, unpackTemplate, writeTemplate } from '../../src/db/pglite-template.js';
import { migrationsPending } from '../../src/db/migration-status.js';
import { applyMigrations, engineSessions, MIGRATIONS_DIR, pendingSchemaChanges, readMigrations } from '../../src/db/schema-engine.js';
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
    const target = fresh ? fresh.target : { kind: 'pglite' as const, dataDir: dir, template: false };
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
    const first = await openDatabase({ kind: 'pglite', dataDir: dir, template: false });
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

  it('start a new embedded database from the build template only when it was made from these migrations', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'polydesk-template-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 't.tar.gz');
    const manifest = path.join(dir, 't.json');
    await writeTemplate(file, manifest);
    expect(await loadTemplate(file, manifest)).toBeInstanceOf(Blob);
    // Unpacked onto disk, it is a finished, migrated database.
    const unpacked = path.join(dir, 'unpacked');
    await unpackTemplate(file, unpacked);
    const opened = await openDatabase({ kind: 'pglite', dataDir: unpacked, template: false });
    try {
      expect(opened.applied).toEqual([]);
      const [{ n }] = await opened.prisma.$queryRawUnsafe<{ n: number }[]>('SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL');
      expect(n).toBe((await readMigrations()).migrationDirectories.length);
    } finally {
      await opened.close();
    }
    // A template made from other migrations (an edited or missing one) is not used.
    const made = JSON.parse(await readFile(manifest, 'utf8'));
    await writeFile(manifest, JSON.stringify({ ...made, migrations: made.migrations.slice(1) }));
    expect(await loadTemplate(file, manifest)).toBeNull();
    await writeFile(manifest, JSON.stringify({ ...made, migrations: made.migrations.map((m: string) => m.replace(/:.*/, ':0')) }));
    expect(await loadTemplate(file, manifest)).toBeNull();
    // The build's own template (npm run build): a new data directory starts migrated, without the engine.
    if (!(await loadTemplate())) return void console.warn('no dist/pglite-template.tar.gz (run npm run build): the opening half of this test is skipped');
    const before = engineSessions();
    const db = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'data') });
    try {
      expect(db.applied).toEqual([]);
      expect(engineSessions()).toBe(before);
      const rows = await db.prisma.$queryRawUnsafe<{ n: number }[]>('SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL');
      expect(rows[0].n).toBe(made.migrations.length);
      await db.prisma.workspace.create({ data: { slug: 'from-template', name: 'T' } });
    } finally {
      await db.close();
    }
  });

  it('start the schema engine only when the recorded history lacks a migration or has a failed one', async () => {
    const fresh = onPostgres() ? await freshTarget() : null;
    const dir = fresh ? null : await mkdtemp(path.join(os.tmpdir(), 'polydesk-pending-'));
    const target = fresh ? fresh.target : { kind: 'pglite' as const, dataDir: dir, template: false };
    const history = await mkdtemp(path.join(os.tmpdir(), 'polydesk-history-'));
    cleanups.push(async () => {
      await fresh?.drop();
      for (const d of [dir, history]) if (d) await rm(d, { recursive: true, force: true });
    });
    const first = await openDatabase(target);
    await first.close();
    const before = engineSessions();
    const db = await openDatabase(target);
    try {
      expect(db.applied).toEqual([]);
      expect(engineSessions()).toBe(before); // up to date: no engine
      expect(await migrationsPending(db.prisma)).toBe(false);
      // A migration directory the database has not recorded is pending.
      await cp(MIGRATIONS_DIR, history, { recursive: true });
      await mkdir(path.join(history, '29991231000000_later'));
      expect(await migrationsPending(db.prisma, history)).toBe(true);
      // So is a migration that started and never finished: the engine must report it.
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ('failed-1', 'x', '29991231000000_later', now(), 0)`,
      );
      expect(await migrationsPending(db.prisma)).toBe(true);
    } finally {
      await db.close();
    }
    await expect(openDatabase(target)).rejects.toThrow(/failed/i);
    expect(engineSessions()).toBe(before + 1);
  });
});
