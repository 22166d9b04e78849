// Driver adapter factories: PostgreSQL when a URL is given, otherwise embedded PGlite.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { lockDataDir } from './pglite-lock.js';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string | null }; // null = in memory

export interface AdapterHandle {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Releases resources the adapter does not own through Prisma (the PGlite instance). */
  close(): Promise<void>;
}

export async function openAdapter(target: DatabaseTarget): Promise<AdapterHandle> {
  if (target.kind === 'postgres') {
    return {
      factory: new PrismaPg({ connectionString: target.url, max: target.poolSize ?? 10 }),
      close: async () => {},
    };
  }
  let unlock = async () => {};
  if (target.dataDir) {
    await mkdir(target.dataDir, { recursive: true });
    unlock = await lockDataDir(target.dataDir);
  }
  try {
    const pglite = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
    await pglite.waitReady;
    return {
      factory: new PrismaPGlite(pglite),
      async close() {
        await pglite.close();
        await unlock();
      },
    };
  } catch (err) {
    await unlock();
    throw err;
  }
}
