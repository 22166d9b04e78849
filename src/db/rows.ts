// Hand-written reads (the hot ticket read, list pages, totals) sent straight to the driver.
// Through Prisma, every raw statement also pays its client pipeline (request building, the
// query interpreter, result conversion): measured, about half the Node time of a ticket
// read. A reader is attached to the root client only: inside a transaction a read must see
// the transaction's writes, so transaction clients keep going through Prisma.
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';

/** Rows of one statement, with values typed as Prisma's `$queryRaw` types them. */
export type ReadRows = <T>(sql: string, values: readonly unknown[]) => Promise<T[]>;

// Columns are `timestamp(3)` (without zone) holding UTC, as Prisma writes them; int8 is a
// bigint, as Prisma gives it (count(*)). Everything else keeps the drivers' defaults.
const TIMESTAMP = 1114;
const INT8 = 20;
/** A `timestamp` (without zone, holding UTC) as PostgreSQL prints it, or as json_build_object renders it. */
export const utcTimestamp = (s: string): Date => new Date(s.replace(' ', 'T') + (s.endsWith('Z') ? '' : 'Z'));


export function pgRows(pool: pg.Pool, name: (sql: string) => string | undefined): ReadRows {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === TIMESTAMP ? utcTimestamp : oid === INT8 ? BigInt : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  return async <T>(text: string, values: readonly unknown[]) => (await pool.query({ name: name(text), text, values: values as unknown[], types })).rows as T[];
}

export function pgliteRows(db: PGlite): ReadRows {
  const parsers = { [TIMESTAMP]: utcTimestamp, [INT8]: (s: string) => BigInt(s) };
  return async <T>(sql: string, values: readonly unknown[]) => (await db.query<T>(sql, values as unknown[], { parsers })).rows;
}

const readers = new WeakMap<object, ReadRows>();

/** Routes hand-written reads on this (root) client to the driver. */
export function attachReader(client: object, read: ReadRows): void {
  readers.set(client, read);
}

/** The root client's reader, if it has one. */
export const readerOf = (client: object): ReadRows | undefined => readers.get(client);

/**
 * A handle that stands for the root client at some moments and a transaction at others
 * (the request-scoped handle) answers this key with the reader, or undefined while a
 * transaction is open.
 */
export const READER = Symbol('polydesk.reader');

type Queryable = { $queryRawUnsafe<T>(sql: string, ...values: unknown[]): Promise<T>; [READER]?: ReadRows };

/** Rows of a hand-written read: from the driver on the root client, through Prisma in a transaction. */
export function readRows<T>(db: Queryable, sql: string, ...values: unknown[]): Promise<T[]> {
  const read = readers.get(db) ?? db[READER];
  return read ? read<T>(sql, values) : db.$queryRawUnsafe<T[]>(sql, ...values);
}
