// Driver adapter factories: PostgreSQL when a URL is given, otherwise embedded PGlite.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { lockDataDir } from './pglite-lock.js';
import { loadTemplate, unpackTemplate, usableTemplate } from './pglite-template.js';
import { pgDriver, pgliteDriver, type Driver } from './rows.js';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  // null = in memory. template: start a new database from the build's migrated template (default true).
  | { kind: 'pglite'; dataDir: string | null; template?: boolean };

export interface AdapterHandle {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Releases resources the adapter does not own through Prisma (the PGlite instance, the pg pool). */
  close(): Promise<void>;
  /** Connection counts for metrics. */
  stats(): PoolStats;
  /** Hand-written SQL straight to the driver (see rows.ts). */
  driver: Driver;
  /** PGlite only: the whole data directory as a gzipped tarball. */
  dumpDataDir?: () => Promise<Blob>;
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
    // A database that accepts no connection fails the request in 5 s instead of hanging it.
    // Timestamps are stored as UTC wall clock (timestamp without zone, as Prisma writes them):
    // sessions in UTC make the database's own now() agree, whatever the server's TimeZone.
    const options = /[?&]options=/.test(target.url) ? undefined : '-c TimeZone=UTC';
    const pool = new pg.Pool({ connectionString: target.url, max, connectionTimeoutMillis: 5000, options });
    // An idle connection the server drops (restart, failover) is discarded by the pool; without
    // a listener its 'error' event would end the process.
    pool.on('error', () => {});
    // One naming for Prisma's statements and the direct reads: same text, same prepared statement.
    const names = statementNames();
    return {
      factory: wholeScripts(new PrismaPg(pool, { statementNameGenerator: names })),
      driver: pgDriver(pool, (sql) => names({ sql })),
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
    const created = !target.dataDir || !existsSync(path.join(target.dataDir, 'PG_VERSION'));
    // A new database starts from the build's template: unpacked onto disk, or loaded in memory.
    const template = created && target.template !== false ? await usableTemplate() : null;
    if (template && target.dataDir) await unpackTemplate(template, target.dataDir);
    const pglite = await openPGlite(target.dataDir ?? undefined, template && !target.dataDir ? await loadTemplate() : null);
    if (created && target.dataDir) collectGarbage();
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
      driver: pgliteDriver(pglite),
      dumpDataDir: async () => (await pglite.dumpDataDir('gzip')) as Blob,
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

type Scripted = { executeScript(script: string): Promise<void> };

/**
 * PrismaPg runs a migration script by splitting it at every `;`, which cuts function bodies
 * (triggers) apart. Sent whole over the simple query protocol instead, PostgreSQL parses
 * the script itself (dollar quoting included) and runs it as one implicit transaction.
 */
function wholeScripts(factory: PrismaPg): PrismaPg {
  const patch = <T extends Scripted>(adapter: T): T => {
    const { client, onError } = adapter as unknown as { client: { query(sql: string): Promise<unknown> }; onError(e: unknown): never };
    adapter.executeScript = async (script) => {
      try {
        await client.query(script);
      } catch (err) {
        onError.call(adapter, err);
      }
    };
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  const shadow = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => patch(await connect());
  factory.connectToShadowDb = async () => patch(await shadow());
  return factory;
}

/**
 * Names for prepared statements, so PostgreSQL parses and plans each statement once per
 * connection instead of on every request (pg caches named statements per connection).
 * The name is a digest of the SQL text: the same text always gets the same name. Names are
 * bounded: past `max` distinct texts (rare filter combinations, long IN lists) statements
 * go unnamed, so neither pg nor the server holds an ever-growing set per connection.
 */
export function statementNames(max = 2000): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined) {
      if (names.size >= max) return undefined as unknown as string; // unnamed: parsed per execution
      name = 's' + createHash('sha1').update(sql).digest('base64url');
      names.set(sql, name);
    }
    return name;
  };
}

/**
 * Memory sized for an embedded desk. PGlite's defaults are a server's (shared_buffers
 * 128MB, maintenance_work_mem 64MB), and WASM memory only grows: every buffer touched
 * stays resident. The files sit in the OS page cache anyway.
 */
export const PGLITE_SETTINGS = ['shared_buffers=8MB', 'maintenance_work_mem=16MB', 'temp_buffers=4MB'];

const startParams = () => [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((s) => ['-c', s])];

/**
 * Creating a data directory leaves garbage an idle server would keep until some later
 * collection: initdb's second PGlite instance (several hundred MB), or the unpacked
 * template's buffers. Collect it once, right away.
 */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  v8.setFlagsFromString('--no-expose-gc');
  gc();
}

/** pg_trgm backs the substring-search indexes (the migration creates the extension). */
async function openPGlite(dataDir: string | undefined, template: Blob | null = null): Promise<PGlite> {
  const options = { extensions: { pg_trgm }, startParams: startParams(), ...(template ? { loadDataDir: template } : {}) };
  // PGlite reads options from the first argument when there is no data directory.
  const pglite = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  await pglite.waitReady;
  return pglite;
}
