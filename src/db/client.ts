// One Prisma client over the configured driver adapter, migrated before use.
import { PrismaClient } from '../generated/prisma/client.js';
import { openAdapter, type DatabaseTarget, type PoolStats } from './adapter.js';
import { migrationsPending } from './migration-status.js';
import { migrate } from './migrate.js';
import { attachDriver, reportingDriver } from './rows.js';

export type Db = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  target: DatabaseTarget;
  /** Names of the migrations applied while opening. */
  applied: string[];
  close(): Promise<void>;
  /** Connection counts of the pool (for metrics). */
  stats(): PoolStats;
}

export async function openDatabase(target: DatabaseTarget, opts: { migrate?: boolean; onQuery?: (sql: string, params: string) => void } = {}): Promise<Database> {
  const handle = await openAdapter(target);
  let prisma: PrismaClient | undefined;
  try {
    prisma = opts.onQuery
      ? (() => {
          const client = new PrismaClient({ adapter: handle.factory, log: [{ emit: 'event', level: 'query' }] });
          client.$on('query', (e) => opts.onQuery!(e.query, e.params));
          return client;
        })()
      : new PrismaClient({ adapter: handle.factory });
    await prisma.$connect();
    attachDriver(prisma, opts.onQuery ? reportingDriver(handle.driver, opts.onQuery) : handle.driver);
    // The schema engine only when the history says there is something to apply.
    const applied = opts.migrate !== false && (await migrationsPending(prisma)) ? await migrate(target, handle) : [];
    const client = prisma;
    return {
      prisma: client,
      target,
      applied,
      stats: handle.stats,
      async close() {
        await client.$disconnect();
        await handle.close();
      },
    };
  } catch (err) {
    await prisma?.$disconnect();
    await handle.close();
    throw err;
  }
}
