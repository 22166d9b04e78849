// A migrated, empty embedded database, made once at build time (`npm run build`): a new
// data directory starts from it instead of running initdb and every migration, which is
// most of an embedded first start on a small machine. It is used only when it was made
// from exactly the migrations in prisma/migrations (names and contents) by this PGlite
// version; otherwise a new data directory is made the slow way, as before.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { MIGRATIONS_DIR, migrationNames } from './schema-engine.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const TEMPLATE_FILE = path.join(ROOT, 'dist', 'pglite-template.tar.gz');
const MANIFEST_FILE = path.join(ROOT, 'dist', 'pglite-template.json');

interface Manifest {
  pglite: string;
  migrations: string[];
}

function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@electric-sql/pglite');
  // The package.json sits above dist/ in the package directory.
  let dir = path.dirname(main);
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** What a template must have been made from: this PGlite and each migration's name and digest. */
async function currentManifest(dir = MIGRATIONS_DIR): Promise<Manifest> {
  const names = await migrationNames(dir);
  const migrations = await Promise.all(
    names.map(async (n) => `${n}:${createHash('sha256').update(await readFile(path.join(dir, n, 'migration.sql'))).digest('hex')}`),
  );
  return { pglite: pgliteVersion(), migrations };
}

/** The template's bytes when it matches the current migrations, else null. */
export async function loadTemplate(file = TEMPLATE_FILE, manifestFile = MANIFEST_FILE): Promise<Blob | null> {
  try {
    const [made, bytes] = await Promise.all([readFile(manifestFile, 'utf8'), readFile(file)]);
    if (JSON.stringify(JSON.parse(made)) !== JSON.stringify(await currentManifest())) return null;
    return new Blob([bytes]);
  } catch {
    return null; // none built (a checkout running from src/ without a build)
  }
}

/** Writes the template: an in-memory database, migrated, dumped. */
export async function writeTemplate(file = TEMPLATE_FILE, manifestFile = MANIFEST_FILE): Promise<void> {
  const { openAdapter } = await import('./adapter.js');
  const { applyMigrations } = await import('./schema-engine.js');
  const handle = await openAdapter({ kind: 'pglite', dataDir: null });
  try {
    await applyMigrations(handle.factory);
    const dump = await handle.dumpDataDir!();
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    await writeFile(manifestFile, JSON.stringify(await currentManifest()) + '\n');
  } finally {
    await handle.close();
  }
}

