// Whether the database lacks any migration in prisma/migrations, read with plain queries
// so the schema engine (WASM, tens of MB) is loaded only when there is something to do.
import type { PrismaClient } from '../generated/prisma/client.js';
import { MIGRATIONS_DIR, migrationNames } from './schema-engine.js';

/**
 * True when a migration directory is not recorded as applied, or when a migration is
 * recorded as started but unfinished (the engine then reports the failure, as
 * `prisma migrate deploy` does).
 */
export async function migrationsPending(prisma: PrismaClient, dir = MIGRATIONS_DIR): Promise<boolean> {
  const [{ exists }] = await prisma.$queryRawUnsafe<{ exists: boolean }[]>(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS "exists"`);
  if (!exists) return true;
  const rows = await prisma.$queryRawUnsafe<{ name: string; finished: boolean }[]>(
    `SELECT migration_name AS "name", finished_at IS NOT NULL AS "finished" FROM _prisma_migrations WHERE rolled_back_at IS NULL`,
  );
  if (rows.some((r) => !r.finished)) return true;
  const applied = new Set(rows.map((r) => r.name));
  return (await migrationNames(dir)).some((name) => !applied.has(name));
}
