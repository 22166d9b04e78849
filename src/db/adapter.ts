// Driver adapter factories: PostgreSQL when a URL is given, otherwise embedded PGlite.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { lockDataDir } from './pglite-lock.js';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string | null }; // null = in memory

export interface AdapterHandle {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Releases resources the adapter does not own through Prisma (the PGlite instance, the pg pool). */
  close(): Promise<void>;
  /** Connection counts for metrics. */
  stats(): PoolStats;
}

export interface PoolStats {
  driver: 'postgres' | 'pglite';
  max: number;
  total: number;
  /** PostgreSQL only: PGlite is a single connection without a pool. */
  idle?: number;
  waiting?: number;
}

export async function openAdapter(target: DatabaseTarget): Promise<AdapterHandle> {
  if (target.kind === 'postgres') {
    // Our own pool, shared by the migration engine and the client, so its counts can be read.
    const max = target.poolSize ?? 10;
    const pool = new pg.Pool({ connectionString: target.url, max });
    // An idle connection the server drops (restart, failover) is discarded by the pool; without
    // a listener its 'error' event would end the process.
    pool.on('error', () => {});
    return {
      factory: new PrismaPg(pool),
      close: () => pool.end(),
      stats: () => ({ driver: 'postgres', max, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    };
  }
  let unlock = async () => {};
  if (target.dataDir) {
    await mkdir(target.dataDir, { recursive: true });
    unlock = await lockDataDir(target.dataDir);
  }
  try {
    const pglite = await openPGlite(target.dataDir ?? undefined);
    const shadows: PGlite[] = [];
    const factory = new PrismaPGlite(pglite);
    // The schema engine diffs through a shadow database; the adapter's own is a bare
    // PGlite, without the extensions the migrations create.
    factory.connectToShadowDb = async () => {
      const shadow = await openPGlite(undefined);
      shadows.push(shadow);
      return new PrismaPGlite(shadow).connect();
    };
    return {
      factory,
      async close() {
        for (const s of shadows) await s.close();
        await pglite.close();
        await unlock();
      },
      stats: () => ({ driver: 'pglite', max: 1, total: pglite.closed ? 0 : 1 }),
    };
  } catch (err) {
    await unlock();
    throw err;
  }
}

/** pg_trgm backs the substring-search indexes (the migration creates the extension). */
async function openPGlite(dataDir: string | undefined): Promise<PGlite> {
  const options = { extensions: { pg_trgm } };
  // PGlite reads options from the first argument when there is no data directory.
  const pglite = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  await pglite.waitReady;
  return pglite;
}
