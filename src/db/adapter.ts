// Driver adapter factories: PostgreSQL when a URL is given, otherwise embedded PGlite.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
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
    if (target.dataDir) await initDataDir(target.dataDir);
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
    };
  } catch (err) {
    await unlock();
    throw err;
  }
}

/**
 * Memory sized for an embedded desk. PGlite's defaults are a server's (shared_buffers
 * 128MB, maintenance_work_mem 64MB), and WASM memory only grows: every buffer touched
 * stays resident. The files sit in the OS page cache anyway.
 */
export const PGLITE_SETTINGS = ['shared_buffers=16MB', 'maintenance_work_mem=16MB', 'temp_buffers=4MB'];

const startParams = () => [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((s) => ['-c', s])];

/**
 * A new data directory is created (initdb) by a short-lived child process. In process,
 * PGlite runs initdb in a second WASM instance; that garbage (over 400 MB) would stay
 * resident in an idle server until some later garbage collection.
 */
async function initDataDir(dataDir: string): Promise<void> {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const script = `const { PGlite } = require(process.argv[1]);
const db = new PGlite(process.argv[2], { startParams: JSON.parse(process.argv[3]) });
db.waitReady.then(() => db.close()).catch((err) => { console.error(err.message); process.exit(1); });`;
  await promisify(execFile)(process.execPath, ['-e', script, pglite, dataDir, JSON.stringify(startParams())], { env: { ...process.env, NODE_OPTIONS: '' } });
}

/** pg_trgm backs the substring-search indexes (the migration creates the extension). */
async function openPGlite(dataDir: string | undefined): Promise<PGlite> {
  const options = { extensions: { pg_trgm }, startParams: startParams() };
  // PGlite reads options from the first argument when there is no data directory.
  const pglite = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  await pglite.waitReady;
  return pglite;
}
