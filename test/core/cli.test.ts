// The polydesk CLI against a real database (PGlite on disk, or PostgreSQL in CI).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { authenticateSecret } from '../../src/auth/tokens.js';
import { openDatabase } from '../../src/db/client.js';
import { freshTarget, onPostgres } from '../helpers/database.js';

let cleanup: () => Promise<void>;
beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'polydesk-cli-'));
  process.env.DATA_DIR = dir;
  let drop = async () => {};
  if (onPostgres()) {
    const fresh = await freshTarget();
    process.env.DATABASE_URL = (fresh.target as { url: string }).url;
    drop = fresh.drop;
  } else delete process.env.DATABASE_URL;
  cleanup = async () => {
    await drop();
    await rm(dir, { recursive: true, force: true });
  };
});
afterAll(() => cleanup());

const run = async (...argv: string[]) => {
  const out: string[] = [];
  const code = await runCli(argv, (l) => out.push(l));
  return { code, out };
};

describe('polydesk CLI', () => {
  it('migrates, creates a workspace, a user and a token that authenticates', async () => {
    expect((await run('migrate')).out[0]).toMatch(/^applied \d+_init/);
    expect((await run('migrate')).out).toEqual(['database is up to date']);
    expect(await run('workspace', 'create', 'acme', '--name', 'Acme Inc')).toEqual({ code: 0, out: [expect.stringContaining('workspace acme created')] });
    expect((await run('user', 'create', '--workspace', 'acme', '--email', 'Ann@Acme.test', '--name', 'Ann', '--role', 'agent', '--slack-id', 'U012ABC')).code).toBe(0);
    const token = await run('token', 'create', '--workspace', 'acme', '--email', 'ann@acme.test');
    expect(token.code).toBe(0);
    expect(token.out).toHaveLength(1);
    expect(token.out[0]).toMatch(/^pd_[A-Za-z0-9_-]{40,}$/);
    const db = await openDatabase(process.env.DATABASE_URL ? { kind: 'postgres', url: process.env.DATABASE_URL } : { kind: 'pglite', dataDir: path.join(process.env.DATA_DIR!, 'pglite') });
    try {
      expect(await authenticateSecret(db.prisma, token.out[0])).toMatchObject({ name: 'Ann', role: 'agent', slackId: 'U012ABC', workspaceSlug: 'acme' });
    } finally {
      await db.close();
    }
  });

  it('seeds demo data once', async () => {
    const seeded = await run('seed', '--demo');
    expect(seeded.out[0]).toBe('seeded workspace demo: 3 tickets, agent agent@demo.test');
    expect((await run('seed', '--demo')).out[0]).toMatch(/already has tickets/);
  });

  it('rejects bad input with exit code 2', async () => {
    expect((await run('user', 'create', '--workspace', 'nope', '--email', 'a@b.test', '--name', 'X', '--role', 'agent')).code).toBe(2);
    expect((await run('user', 'create', '--workspace', 'acme', '--email', 'a@b.test', '--name', 'X', '--role', 'wizard')).code).toBe(2);
    expect((await run('workspace', 'create', 'acme')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
  });
});
