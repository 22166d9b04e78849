// `polydesk webhook ...` against a real database (PGlite on disk, or PostgreSQL in CI).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { openDatabase } from '../../src/db/client.js';
import { freshTarget, onPostgres } from '../helpers/database.js';

let cleanup: () => Promise<void>;
const saved = { ...process.env };
beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'polydesk-cli-hooks-'));
  process.env.DATA_DIR = dir;
  process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
  process.env.WEBHOOK_SECRET_KEY = 'cli-test-key-0123456789abcdef';
  let drop = async () => {};
  if (onPostgres()) {
    const fresh = await freshTarget();
    process.env.DATABASE_URL = (fresh.target as { url: string }).url;
    drop = fresh.drop;
  } else delete process.env.DATABASE_URL;
  cleanup = async () => {
    await drop();
    await rm(dir, { recursive: true, force: true });
    for (const k of ['DATA_DIR', 'WEBHOOK_ALLOW_PRIVATE', 'WEBHOOK_SECRET_KEY', 'DATABASE_URL']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  };
});
afterAll(() => cleanup());

const run = async (...argv: string[]) => {
  const out: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: () => {} });
  return { code, out };
};

describe('polydesk webhook', () => {
  it('creates (secret shown once, encrypted at rest), lists, rotates and deletes endpoints', async () => {
    expect((await run('migrate')).code).toBe(0);
    expect((await run('workspace', 'create', 'acme')).code).toBe(0);
    const created = await run('webhook', 'create', '--workspace', 'acme', '--url', 'http://127.0.0.1:9/in', '--events', 'ticket.created,message.created', '--description', 'sync');
    expect(created.code).toBe(0);
    expect(created.out[0]).toMatch(/^webhook (\d+) created for http:\/\/127\.0\.0\.1:9\/in \(ticket\.created, message\.created\)$/);
    const id = created.out[0].match(/^webhook (\d+)/)![1];
    const secret = created.out[1].replace('signing secret (shown once): ', '');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{40,}=*$/);

    const db = await openDatabase(process.env.DATABASE_URL ? { kind: 'postgres', url: process.env.DATABASE_URL } : { kind: 'pglite', dataDir: path.join(process.env.DATA_DIR!, 'pglite') });
    try {
      const row = await db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: Number(id) } });
      expect(row.secret).toMatch(/^enc:v1:/);
      expect(row.secret).not.toContain(secret.slice(6));
    } finally {
      await db.close();
    }

    const list = await run('webhook', 'list', '--workspace', 'acme');
    expect(list.out).toEqual([`${id}\tenabled\thttp://127.0.0.1:9/in\tticket.created,message.created\tsync`]);
    expect((await run('webhook', 'deliveries', '--workspace', 'acme', '--id', id)).out).toEqual([]);
    const rotated = await run('webhook', 'rotate-secret', '--workspace', 'acme', '--id', id);
    expect(rotated.out[0]).toMatch(/^new signing secret \(shown once\): whsec_/);
    expect(rotated.out[0]).not.toContain(secret);
    expect((await run('webhook', 'create', '--workspace', 'acme', '--url', 'http://x.test/', '--events', 'ticket.exploded')).code).toBe(2);
    expect((await run('webhook', 'create', '--workspace', 'acme', '--url', 'ftp://x.test/')).code).toBe(2);
    expect(await run('webhook', 'delete', '--workspace', 'acme', '--id', id)).toEqual({ code: 0, out: ['deleted'] });
    expect((await run('webhook', 'list', '--workspace', 'acme')).out).toEqual([]);
  }, 240_000); // every command opens the on-disk database
});
