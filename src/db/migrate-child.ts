// Applies pending migrations to a PostgreSQL database in a child process (see migrate.ts):
// the schema engine's WASM and everything it allocates leave with the process.
import { openAdapter } from './adapter.js';
import { applyMigrations } from './schema-engine.js';

/** An error as plain data: the fields that tell "unreachable" from "wrong" (availability.ts). */
export interface ErrorData {
  name: string;
  message: string;
  code?: unknown;
  kind?: unknown;
  meta?: unknown;
  cause?: ErrorData;
}

const toData = (err: unknown, depth = 0): ErrorData => {
  const e = (err ?? {}) as { name?: unknown; message?: unknown; code?: unknown; kind?: unknown; meta?: unknown; cause?: unknown };
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    message: typeof e.message === 'string' ? e.message : String(err),
    code: e.code,
    kind: e.kind,
    meta: e.meta === undefined ? undefined : JSON.parse(JSON.stringify(e.meta)),
    cause: e.cause && depth < 4 ? toData(e.cause, depth + 1) : undefined,
  };
};

const send = (m: object) => new Promise<void>((resolve) => process.send!(m, () => resolve()));
// The URL comes over IPC, never on a command line (it may hold a password).
process.once('message', async ({ url }: { url: string }) => {
  const handle = await openAdapter({ kind: 'postgres', url, poolSize: 2 });
  try {
    await send({ applied: await applyMigrations(handle.factory) });
  } catch (err) {
    await send({ error: toData(err) });
  } finally {
    // The answer is out; nothing else is this process's to finish (pool timers would keep it up).
    await handle.close().catch(() => {});
    process.exit(0);
  }
});
