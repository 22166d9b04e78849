// Hand-written SQL sent straight to the driver: the hot reads (a ticket, list pages, totals)
// and the transactions written entirely in SQL (a plain ticket create). Through Prisma, every
// raw statement also pays its client pipeline (request building, the query interpreter,
// result conversion) and an interactive transaction its own bookkeeping: measured, about
// half the Node time of a ticket read or create. The driver is attached to the root client
// only: inside a transaction a read must see the transaction's writes, so transaction
// clients keep going through Prisma.
import pg from 'pg';
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import type { Db } from './client.js';

/** Rows of one statement, with values typed as Prisma's `$queryRaw` types them. */
export type ReadRows = <T>(sql: string, values: readonly unknown[]) => Promise<T[]>;

/**
 * A transaction that speaks only SQL. Prisma's transaction client is one; so is the
 * driver's, which code written against this type can run on without Prisma.
 */
export interface SqlTx {
  $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
}

/** Rows of one statement as arrays of their values, in column order. */
export type ReadArrays = (sql: string, values: readonly unknown[]) => Promise<unknown[][]>;

/** The database driver under the Prisma client: its reads and its SQL-only transactions. */
export interface Driver {
  rows: ReadRows;
  arrays: ReadArrays;
  transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T>;
}

// Columns are `timestamp(3)` (without zone) holding UTC, as Prisma writes them; int8 is a
// bigint, as Prisma gives it (count(*)). Everything else keeps the drivers' defaults.
const TIMESTAMP = 1114;
const INT8 = 20;
const at = (s: string, i: number, digits: number): number => {
  let v = 0;
  for (let k = i; k < i + digits; k++) v = v * 10 + s.charCodeAt(k) - 48;
  return v;
};

/**
 * A `timestamp` (without zone, holding UTC) as PostgreSQL prints it (`2024-01-02 03:04:05.6`),
 * or as json_build_object renders it (`2024-01-02T03:04:05.600`). A page of tickets parses
 * thousands: the usual form is read digit by digit, with no intermediate strings; anything
 * else (years before 100 or after 9999, BC, infinity, a zone) goes through Date's parser.
 */
export function utcTimestamp(s: string): Date {
  const n = s.length;
  if (n >= 19 && n <= 26 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && s.charCodeAt(13) === 58 && s.charCodeAt(16) === 58 && (n === 19 || s.charCodeAt(19) === 46)) {
    const year = at(s, 0, 4);
    if (year >= 100) {
      // Milliseconds: the first three digits of the fraction (Date keeps no finer unit).
      let ms = 0;
      for (let k = 20; k < 23; k++) ms = ms * 10 + (k < n ? s.charCodeAt(k) - 48 : 0);
      return new Date(Date.UTC(year, at(s, 5, 2) - 1, at(s, 8, 2), at(s, 11, 2), at(s, 14, 2), at(s, 17, 2), ms));
    }
  }
  return new Date(s.replace(' ', 'T') + (s.endsWith('Z') ? '' : 'Z'));
}

type Run = (sql: string, values: readonly unknown[]) => Promise<{ rows: unknown[]; affectedRows?: number; rowCount?: number | null }>;

function sqlTx(run: Run): SqlTx {
  return {
    $queryRawUnsafe: async <T>(sql: string, ...values: unknown[]) => (await run(sql, values)).rows as T,
    $executeRawUnsafe: async (sql: string, ...values: unknown[]) => {
      const r = await run(sql, values);
      return r.rowCount ?? r.affectedRows ?? 0;
    },
  };
}

/**
 * pg writes an array parameter element by element (a string, a regex replace and two
 * concatenations each): for the 1,000 ids of a page, half a megabyte of garbage per
 * statement. An array of integers is written here, as PostgreSQL's array text, in one join.
 */
const integerArrays = (v: unknown): unknown => (Array.isArray(v) && v.every(Number.isInteger) ? `{${v.join(',')}}` : v);

export function pgDriver(pool: pg.Pool, name: (sql: string) => string | undefined): Driver {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === TIMESTAMP ? utcTimestamp : oid === INT8 ? BigInt : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const config = (text: string, values: readonly unknown[]) => ({ name: name(text), text, values: values.map(integerArrays), types });
  const query = (client: pg.Pool | pg.PoolClient, text: string, values: readonly unknown[]) => client.query(config(text, values));
  return {
    rows: async <T>(text: string, values: readonly unknown[]) => (await query(pool, text, values)).rows as T[],
    arrays: async (text, values) => (await pool.query<unknown[]>({ ...config(text, values), rowMode: 'array' })).rows,
    async transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const out = await fn(sqlTx((text, values) => query(client, text, values)));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        // A connection that cannot even roll back is not given back to the pool.
        await client.query('ROLLBACK').catch((e: Error) => (broken = e));
        throw err;
      } finally {
        client.release(broken);
      }
    },
  };
}

export function pgliteDriver(db: PGlite): Driver {
  const parsers = { [TIMESTAMP]: utcTimestamp, [INT8]: (s: string) => BigInt(s) };
  const query = (q: PGlite | PGliteTransaction, sql: string, values: readonly unknown[]) => q.query(sql, values as unknown[], { parsers });
  return {
    rows: async <T>(sql: string, values: readonly unknown[]) => (await query(db, sql, values)).rows as T[],
    arrays: async (sql, values) => (await db.query<unknown[]>(sql, values as unknown[], { parsers, rowMode: 'array' })).rows,
    // PGlite's own transaction: it holds the single session, as Prisma's adapter does.
    transaction: <T>(fn: (tx: SqlTx) => Promise<T>) => db.transaction((t) => fn(sqlTx((sql, values) => query(t, sql, values)))),
  };
}

/** The same driver, reporting every statement it sends (tests count them). */
export function reportingDriver(driver: Driver, onQuery: (sql: string, params: string) => void): Driver {
  const report = (sql: string, values: readonly unknown[]) => onQuery(sql, JSON.stringify(values, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
  const wrap = (tx: SqlTx): SqlTx => ({
    $queryRawUnsafe: (sql, ...values) => (report(sql, values), tx.$queryRawUnsafe(sql, ...values)),
    $executeRawUnsafe: (sql, ...values) => (report(sql, values), tx.$executeRawUnsafe(sql, ...values)),
  });
  return {
    rows: (sql, values) => (report(sql, values), driver.rows(sql, values)),
    arrays: (sql, values) => (report(sql, values), driver.arrays(sql, values)),
    transaction: (fn) => driver.transaction((tx) => fn(wrap(tx))),
  };
}

const drivers = new WeakMap<object, Driver>();

/** Routes hand-written SQL on this (root) client to the driver. */
export function attachDriver(client: object, driver: Driver): void {
  drivers.set(client, driver);
}

/** The root client's driver, if it has one. */
export const driverOf = (client: object): Driver | undefined => drivers.get(client);

/**
 * A handle that stands for the root client at some moments and a transaction at others
 * (the request-scoped handle) answers this key with the driver, or undefined while a
 * transaction is open.
 */
export const DRIVER = Symbol('polydesk.driver');

type Queryable = { $queryRawUnsafe<T>(sql: string, ...values: unknown[]): Promise<T>; [DRIVER]?: Driver };

/** The driver a handle reads through now: the root client's, or none inside a transaction. */
const driverFor = (db: object): Driver | undefined => drivers.get(db) ?? (db as { [DRIVER]?: Driver })[DRIVER];

/** Rows of a hand-written read: from the driver on the root client, through Prisma in a transaction. */
export function readRows<T>(db: Queryable, sql: string, ...values: unknown[]): Promise<T[]> {
  const driver = driverFor(db);
  return driver ? driver.rows<T>(sql, values) : db.$queryRawUnsafe<T[]>(sql, ...values);
}

/**
 * Rows of a hand-written read as arrays of their values, in column order: from the driver
 * on the root client, through Prisma in a transaction (its rows' values in column order:
 * the statement's column names must be distinct).
 */
export async function readArrays(db: Queryable, sql: string, ...values: unknown[]): Promise<unknown[][]> {
  const driver = driverFor(db);
  return driver ? driver.arrays(sql, values) : (await db.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...values)).map((row) => Object.values(row));
}

/**
 * A transaction of hand-written SQL: on the driver from the root client, otherwise (inside a
 * request's transaction) as a Prisma transaction, which nests as a savepoint.
 */
export function sqlTransaction<T>(db: Db, fn: (tx: SqlTx) => Promise<T>): Promise<T> {
  const driver = driverFor(db);
  return driver ? driver.transaction(fn) : db.$transaction(fn);
}
