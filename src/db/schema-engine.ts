// Prisma's own migration engine, compiled to WASM, driven through a driver adapter.
// This lets the server migrate itself (and tests author migrations) on machines where
// Prisma's native engine cannot be downloaded. See README, "Prisma offline".
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine, MigrationList } from '@prisma/schema-engine-wasm';

const require = createRequire(import.meta.url);
export const PRISMA_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../prisma');
export const SCHEMA_PATH = path.join(PRISMA_DIR, 'schema.prisma');
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations');
const NO_FILTERS = { externalTables: [], externalEnums: [] };

type WasmModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');
let wasmModule: Promise<WasmModule> | undefined;

// The package's entry imports the .wasm file as an ES module, which Node cannot do;
// instantiate it by hand once per process.
function loadWasm(): Promise<WasmModule> {
  wasmModule ??= (async () => {
    const bg = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as WasmModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return wasmModule;
}

/**
 * Runs `fn` with a schema engine over `factory`, then frees the engine and closes every
 * connection it opened. Closing matters on PostgreSQL: the engine takes Prisma's
 * server-wide migration advisory lock and holds it as long as its connection lives.
 */
let sessions = 0;
/** How many times this process has started the schema engine (its WASM loads on the first). */
export const engineSessions = (): number => sessions;

async function withEngine<T>(factory: SqlMigrationAwareDriverAdapterFactory, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  sessions++;
  const bg = await loadWasm();
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  const opened: { dispose(): Promise<void> }[] = [];
  const tracking: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: async () => {
      const adapter = await factory.connectToShadowDb();
      opened.push(adapter);
      return adapter;
    },
  };
  const engine = await bg.SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, () => {}, bindMigrationAwareSqlAdapterFactory(tracking));
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((a) => a.dispose().catch(() => {})));
  }
}

/** Migration directories, in the order they apply. */
export async function migrationNames(dir = MIGRATIONS_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const migrationDirectories = await Promise.all(
    (await migrationNames(dir)).map(async (name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: await readFile(path.join(dir, name, 'migration.sql'), 'utf8') },
      },
    })),
  );
  const lockContent = await readFile(path.join(dir, 'migration_lock.toml'), 'utf8').catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

/** Applies pending migrations, recording them in `_prisma_migrations` like `prisma migrate deploy`. */
export async function applyMigrations(factory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const migrationsList = await readMigrations();
  return withEngine(factory, async (engine) => (await engine.applyMigrations({ migrationsList, filters: NO_FILTERS })).appliedMigrationNames);
}

/**
 * SQL that takes a database holding exactly the migration history to what schema.prisma
 * describes; empty when they agree. `factory` must point at a scratch database (an
 * in-memory PGlite): the history is applied to it first, then it is diffed against the
 * schema. This stands in for a shadow database, which the WASM engine cannot open itself.
 */
export async function pendingSchemaChanges(factory: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  return withEngine(factory, async (engine) => {
    await engine.applyMigrations({ migrationsList: await readMigrations(), filters: NO_FILTERS });
    const schema = await readFile(SCHEMA_PATH, 'utf8');
    const files = [{ path: SCHEMA_PATH, content: schema }];
    const out = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: PRISMA_DIR },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    const sql = (out.stdout ?? '').trim();
    return /^-- This is an empty migration\.?$/.test(sql) ? '' : sql;
  });
}
