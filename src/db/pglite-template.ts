// A migrated, empty embedded database, made once at build time (`npm run build`): a new
// data directory starts from it instead of running initdb and every migration, which is
// most of an embedded first start on a small machine. It is used only when it was made
// from exactly the migrations in prisma/migrations (names and contents) by this PGlite
// version; otherwise a new data directory is made the slow way, as before.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
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

/** The template file when it matches the current migrations, else null. */
export async function usableTemplate(file = TEMPLATE_FILE, manifestFile = MANIFEST_FILE): Promise<string | null> {
  try {
    const made = await readFile(manifestFile, 'utf8');
    if (!existsSync(file) || JSON.stringify(JSON.parse(made)) !== JSON.stringify(await currentManifest())) return null;
    return file;
  } catch {
    return null; // none built (a checkout running from src/ without a build)
  }
}

/** The template's bytes when it matches the current migrations, else null (for in-memory databases). */
export async function loadTemplate(file = TEMPLATE_FILE, manifestFile = MANIFEST_FILE): Promise<Blob | null> {
  const usable = await usableTemplate(file, manifestFile);
  return usable ? new Blob([await readFile(usable)]) : null;
}

/**
 * Unpacks the template into an empty data directory, streaming (a few MB in memory, where
 * PGlite's own tarball loading holds the whole unpacked directory, ~100 MB, that the process
 * then keeps). PG_VERSION is written last: PGlite takes a directory with it for a finished
 * database, so an interrupted unpack is redone at the next start.
 */
export async function unpackTemplate(file: string, dataDir: string): Promise<void> {
  const root = path.resolve(dataDir);
  const where = (name: string) => {
    const target = path.join(root, path.normalize('/' + name));
    if (target !== root && !target.startsWith(root + path.sep)) throw new Error(`template entry outside the data directory: ${name}`);
    return target;
  };
  const version = path.join(root, 'PG_VERSION');
  const text = (b: Buffer) => b.toString('utf8').replace(/\0.*$/s, '');
  // Synchronous writes, each file streamed as it arrives: some 1,200 files (one of 16 MB)
  // before the server can do anything else, and no buffer larger than a gunzip chunk.
  let pending: Buffer = Buffer.alloc(0);
  let entry: { target: string; fd: number | null; size: number; padded: number; got: number } | null = null;
  for await (const chunk of createReadStream(file).pipe(createGunzip())) {
    pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    for (;;) {
      if (entry) {
        const take = Math.min(entry.padded - entry.got, pending.length);
        const data = Math.max(0, Math.min(take, entry.size - entry.got));
        if (entry.fd !== null && data) writeSync(entry.fd, pending, 0, data);
        entry.got += take;
        pending = pending.subarray(take);
        if (entry.got < entry.padded) break;
        if (entry.fd !== null) closeSync(entry.fd);
        entry = null;
      }
      if (pending.length < 512) break;
      const header = pending.subarray(0, 512);
      pending = pending.subarray(512);
      if (header.every((b) => b === 0)) continue; // end-of-archive blocks
      const name = text(header.subarray(0, 100));
      const prefix = text(header.subarray(345, 500));
      const target = where(prefix ? `${prefix}/${name}` : name);
      const size = parseInt(text(header.subarray(124, 136)).trim() || '0', 8);
      const type = String.fromCharCode(header[156]);
      let fd: number | null = null;
      if (type === '5') mkdirSync(target, { recursive: true });
      else if (type === '0' || type === '\0') {
        mkdirSync(path.dirname(target), { recursive: true });
        // PG_VERSION last (renamed into place at the end): it marks a finished database.
        fd = openSync(target === version ? version + '.unpacking' : target, 'w');
      }
      entry = { target, fd, size, padded: Math.ceil(size / 512) * 512, got: 0 };
    }
  }
  if (!existsSync(version + '.unpacking')) throw new Error('the template has no PG_VERSION');
  renameSync(version + '.unpacking', version);
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

