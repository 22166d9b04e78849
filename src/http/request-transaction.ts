// A request-scoped transaction. While a request holds one (an Idempotency-Key request), every
// database call made on its behalf — through ctx.db, req.server.db or app.db — runs inside it,
// so the request's writes and the record of its response commit (or roll back) together.
// The transaction opens lazily, on the request's first database call, so a slow upload
// does not hold it; domain transactions inside it become savepoints.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '../db/client.js';
import { DRIVER, driverOf } from '../db/rows.js';
import type { Prisma } from '../generated/prisma/client.js';

type Tx = Prisma.TransactionClient;

const ROLLBACK = Symbol('rollback');

interface Decision {
  commit: boolean;
  last?: (tx: Tx) => Promise<void>;
}

export class RequestTransaction {
  private tx: Promise<Tx> | null = null;
  private settled: Promise<void> | null = null;
  private decide!: (d: Decision) => void;
  private readonly decision = new Promise<Decision>((resolve) => (this.decide = resolve));
  private finished = false;

  /** Once committed or rolled back, the request's later calls use the client directly. */
  get active(): boolean {
    return !this.finished;
  }

  constructor(
    private readonly db: Db,
    private readonly timeoutMs: number,
  ) {}

  open(): Promise<Tx> {
    if (this.finished) return Promise.reject(new Error('request transaction already finished'));
    this.tx ??= new Promise<Tx>((resolve, reject) => {
      this.settled = this.db
        .$transaction(
          async (tx) => {
            resolve(tx);
            const d = await this.decision;
            if (!d.commit) throw ROLLBACK;
            await d.last?.(tx);
          },
          { timeout: this.timeoutMs, maxWait: this.timeoutMs },
        )
        .catch((err) => {
          if (err === ROLLBACK) return;
          reject(err); // no-op once resolved; a failed start reaches the caller here
          throw err;
        });
      // Observed by commit(); keeps an abandoned transaction's failure from going unhandled.
      this.settled.catch(() => {});
    });
    return this.tx;
  }

  /** Runs `last` inside the transaction and commits; without a transaction, `last` runs in one of its own. */
  async commit(last: (tx: Tx) => Promise<void>): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    if (!this.tx) {
      await this.db.$transaction(last);
      return;
    }
    this.decide({ commit: true, last });
    await this.settled;
  }

  async rollback(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    this.decide({ commit: false });
    await this.settled?.catch(() => {});
  }
}

interface Store {
  current: RequestTransaction | null;
}
const storage = new AsyncLocalStorage<Store>();

/** Runs the rest of a request in its own async context (registered as a root onRequest hook). */
export function enterRequestScope(done: () => void): void {
  storage.run({ current: null }, done);
}

export function setRequestTransaction(rt: RequestTransaction | null): void {
  const store = storage.getStore();
  if (!store) throw new Error('no request scope: enterRequestScope is not registered');
  store.current = rt;
}

let savepoints = 0;
async function nested<T>(tx: Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const name = `pd_sp_${++savepoints}`;
  await tx.$executeRawUnsafe(`SAVEPOINT ${name}`);
  try {
    const out = await fn(tx);
    await tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${name}`);
    return out;
  } catch (err) {
    await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => {});
    throw err;
  }
}

const RAW = new Set(['$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe', '$queryRawTyped']);

/**
 * The app's database handle: the client itself outside a request transaction, the
 * request's transaction inside one. Property access decides, so a handle captured early
 * (ctx.db) follows the request it is used in.
 */
export function requestScopedDb(db: Db): Db {
  const delegates = new Map<string, object>();
  const delegate = (prop: string): object => {
    let d = delegates.get(prop);
    if (!d) {
      d = new Proxy(
        {},
        {
          // The transaction is looked up per call: this proxy is shared by all requests.
          get: (_o, method) =>
            method === 'then'
              ? undefined
              : async (...args: unknown[]) => {
                  const now = storage.getStore()?.current;
                  const client = (now?.active ? await now.open() : db) as unknown as Record<string | symbol, Record<string | symbol, (...a: unknown[]) => unknown>>;
                  return client[prop][method](...args);
                },
        },
      );
      delegates.set(prop, d);
    }
    return d;
  };
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      // Model delegates resolve the transaction per call: code may keep `app.db.ticket` around.
      if (typeof prop === 'string' && !prop.startsWith('$') && value && typeof value === 'object') return delegate(prop);
      const current = storage.getStore()?.current;
      const rt = current?.active ? current : null;
      if (prop === DRIVER) return rt ? undefined : driverOf(target);
      if (!rt) return typeof value === 'function' ? value.bind(target) : value;
      if (prop === '$transaction') {
        return async (arg: unknown) => {
          const tx = await rt.open();
          if (typeof arg === 'function') return nested(tx, arg as (tx: Tx) => Promise<unknown>);
          const out: unknown[] = [];
          for (const p of arg as Promise<unknown>[]) out.push(await p);
          return out;
        };
      }
      if (typeof prop === 'string' && RAW.has(prop)) {
        return async (...args: unknown[]) => ((await rt.open()) as unknown as Record<string, (...a: unknown[]) => unknown>)[prop](...args);
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
