// A fresh database per test file: in-memory PGlite by default, or a new PostgreSQL
// database on the server in TEST_DATABASE_URL (created here, dropped on close).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';
import type { DatabaseTarget } from '../../src/db/adapter.js';

export const onPostgres = (): boolean => Boolean(process.env.TEST_DATABASE_URL);

export async function freshTarget(): Promise<{ target: DatabaseTarget; drop(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return { target: { kind: 'pglite', dataDir: null }, drop: async () => {} };
  const name = `polydesk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: u.toString(), poolSize: 5 },
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function freshDatabase(opts: { onQuery?: (sql: string, params: string) => void } = {}): Promise<Database & { drop(): Promise<void> }> {
  const { target, drop } = await freshTarget();
  const db = await openDatabase(target, opts);
  return Object.assign(db, {
    async drop() {
      await db.close();
      await drop();
    },
  });
}
