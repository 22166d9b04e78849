// On PostgreSQL the built server applies migrations in a child process, so the schema
// engine's memory leaves with it (db/migrate.ts). Here the same child runs from the sources:
// it migrates an empty database, answers what it applied, and carries a connection failure
// back as an error the start-up retry recognises.
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/db/availability.js';
import { migrateInChild, SOURCE_ENTRY } from '../../src/db/migrate.js';
import { migrationNames } from '../../src/db/schema-engine.js';
import { freshTarget, onPostgres } from '../helpers/database.js';
import pg from 'pg';

describe.skipIf(!onPostgres())('migrations in a child process (PostgreSQL; skipped without TEST_DATABASE_URL)', () => {
  it('applies every migration to an empty database and reports them; a second run applies none', async () => {
    const { target, drop } = await freshTarget();
    if (target.kind !== 'postgres') throw new Error('expected PostgreSQL');
    try {
      expect(await migrateInChild(target.url, SOURCE_ENTRY)).toEqual(await migrationNames());
      const c = new pg.Client({ connectionString: target.url });
      await c.connect();
      const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`);
      await c.end();
      expect(rows[0].n).toBe((await migrationNames()).length);
      expect(await migrateInChild(target.url, SOURCE_ENTRY)).toEqual([]);
    } finally {
      await drop();
    }
  }, 90_000);

  it('answers an unreachable database with an error the start-up retry treats as unreachable', async () => {
    const err = await migrateInChild('postgresql://polydesk@127.0.0.1:1/none', SOURCE_ENTRY).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(err), String(err)).toBe(true);
  }, 90_000);
});
