// Telling "the database is down" apart from every other failure, for 503s at request time
// and for retrying at start-up; naming the database without its password.
import { openDatabase, type Database } from './client.js';
import type { DatabaseTarget } from './adapter.js';

// Prisma: can't reach server, timed out, server closed the connection, pool timeout, and a
// transaction that could not start (no connection in time) or ran past its timeout: a
// database too busy to serve now, which a retry may find free.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024', 'P2028']);
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
// Node sockets, and PostgreSQL's shutting down / starting up / too many connections.
const CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03', '53300']);
const MESSAGE = /Can't reach database server|Connection terminated|connection timeout|timeout exceeded when trying to connect|server closed the connection/i;

/** True when the error says the database cannot be reached (not that a query was wrong). */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } }; cause?: unknown; message?: unknown; clientVersion?: unknown };
  if (typeof e.code === 'string' && (CODES.has(e.code) || (e.clientVersion && PRISMA_CODES.has(e.code)))) return true;
  const kind = e.meta?.driverAdapterError?.cause?.kind;
  if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
  if ((e as { kind?: unknown }).kind && ADAPTER_KINDS.has(String((e as { kind?: unknown }).kind))) return true;
  if (typeof e.message === 'string' && MESSAGE.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** `host:port/dbname` of a connection URL: never the user or password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

export class DatabaseStartupError extends Error {}

/**
 * Opens (and migrates) the database; while it is unreachable, retries with exponential
 * backoff (0.25 s doubling to 5 s) for up to `timeoutMs`, then fails with one line.
 */
export async function openDatabaseWithRetry(
  target: DatabaseTarget,
  timeoutMs: number,
  onRetry: (attempt: number, delayMs: number) => void = () => {},
): Promise<Database> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await openDatabase(target);
    } catch (err) {
      if (target.kind !== 'postgres') throw err;
      const where = `DATABASE_URL ${describeDatabaseUrl(target.url)}`;
      if (!isDatabaseUnavailable(err)) {
        const reason = err instanceof Error ? err.message.split('\n').find((l) => l.trim()) ?? err.name : String(err);
        throw new DatabaseStartupError(`cannot open the database at ${where}: ${reason.replaceAll(target.url, '(DATABASE_URL)')}`);
      }
      const delay = Math.min(250 * 2 ** (attempt - 1), 5000);
      const elapsed = Date.now() - started;
      if (elapsed + delay > timeoutMs) {
        throw new DatabaseStartupError(`cannot reach the database at ${where} (tried ${attempt} times over ${Math.round(elapsed / 1000)} s); giving up`);
      }
      onRetry(attempt, delay);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
