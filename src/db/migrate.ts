// Applying pending migrations. On PostgreSQL, from the build, the schema engine runs in a
// child process: loaded, it keeps about 35 MB resident for the life of the process that
// loaded it (measured: 155 MB idle after a first start against 120 MB after a restart). A
// worker thread does not give it back (its native allocations stay with the process). On
// PGlite the engine runs in this process, where the database lives, and so it does when
// running from the TypeScript sources (tests), which have no compiled entry to start.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fork } from 'node:child_process';
import type { AdapterHandle, DatabaseTarget } from './adapter.js';
import type { ErrorData } from './migrate-child.js';
import { applyMigrations } from './schema-engine.js';

const COMPILED = new URL('./migrate-child.js', import.meta.url);
/** The child's entry: the build's, or none when running from the TypeScript sources. */
const BUILT = existsSync(fileURLToPath(COMPILED)) ? { path: fileURLToPath(COMPILED), execArgv: [] as string[] } : null;
/** The TypeScript entry through tsx (tests): about 10 s per start, too slow for every test database. */
export const SOURCE_ENTRY = { path: fileURLToPath(new URL('./migrate-child.ts', import.meta.url)), execArgv: ['--import', 'tsx'] };

const fromData = (d: ErrorData): Error => Object.assign(new Error(d.message), { name: d.name, code: d.code, kind: d.kind, meta: d.meta, cause: d.cause ? fromData(d.cause) : undefined });

/** Applies the pending migrations of the database at `url` in a child process. */
export function migrateInChild(url: string, entry: { path: string; execArgv: string[] }): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = fork(entry.path, [], { execArgv: entry.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answer: { applied?: string[]; error?: ErrorData } | undefined;
    child.once('message', (m: typeof answer) => (answer = m));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (answer?.error) reject(fromData(answer.error));
      else if (answer?.applied) resolve(answer.applied);
      else reject(new Error(`the migration process exited with code ${code} before it answered`));
    });
    child.send({ url });
  });
}

/** Applies the pending migrations; returns the names applied. */
export function migrate(target: DatabaseTarget, handle: AdapterHandle): Promise<string[]> {
  if (target.kind === 'postgres' && BUILT) return migrateInChild(target.url, BUILT);
  return applyMigrations(handle.factory);
}
