// The polydesk CLI against a real database (PGlite on disk, or PostgreSQL in CI), in
// process through runCli and as users run it (bin/polydesk.js in a child process).
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { authenticateSecret } from '../../src/auth/tokens.js';
import { openDatabase } from '../../src/db/client.js';
import { freshTarget, onPostgres } from '../helpers/database.js';

const root = path.resolve(import.meta.dirname, '../..');
let dir = '';
let cleanup: () => Promise<void>;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'polydesk-cli-'));
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
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err: err.join('\n') };
};

/** The command as a user runs it: a child process, the environment as given. */
const bin = (argv: string[], env: Record<string, string | undefined> = {}) =>
  spawnSync(process.execPath, ['bin/polydesk.js', ...argv], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });

const authenticate = async (secret: string) => {
  const db = await openDatabase(process.env.DATABASE_URL ? { kind: 'postgres', url: process.env.DATABASE_URL } : { kind: 'pglite', dataDir: path.join(dir, 'pglite') });
  try {
    return await authenticateSecret(db.prisma, secret);
  } finally {
    await db.close();
  }
};

// Every command opens the database (and the first one creates it): slow on a busy machine.
describe('polydesk CLI', { timeout: 120_000 }, () => {
  it('migrates, creates a workspace, a user and a token that authenticates', async () => {
    expect((await run('migrate')).out[0]).toMatch(/^applied \d+_init/);
    expect((await run('migrate')).out).toEqual(['database is up to date']);
    expect(await run('workspace', 'create', 'acme', '--name', 'Acme Inc')).toMatchObject({ code: 0, out: [expect.stringContaining('workspace acme created')] });
    expect((await run('user', 'create', '--workspace', 'acme', '--email', 'Ann@Acme.test', '--name', 'Ann', '--role', 'agent', '--slack-id', 'U012ABC')).code).toBe(0);
    const token = await run('token', 'create', '--workspace', 'acme', '--email', 'ann@acme.test');
    expect(token.code).toBe(0);
    expect(token.out).toHaveLength(1);
    expect(token.out[0]).toMatch(/^pd_[A-Za-z0-9_-]{40,}$/);
    expect(await authenticate(token.out[0])).toMatchObject({ name: 'Ann', role: 'agent', slackId: 'U012ABC', workspaceSlug: 'acme' });
  });

  it("recovers an admin token: --admin picks the workspace's first admin", async () => {
    expect((await run('token', 'create', '--workspace', 'acme', '--admin')).err).toMatch(/workspace acme has no admin/);
    await run('user', 'create', '--workspace', 'acme', '--email', 'boss@acme.test', '--name', 'Boss', '--role', 'admin');
    await run('user', 'create', '--workspace', 'acme', '--email', 'second@acme.test', '--name', 'Second', '--role', 'admin');
    const token = await run('token', 'create', '--workspace', 'acme', '--admin', '--name', 'recovered');
    expect(token).toMatchObject({ code: 0, out: [expect.stringMatching(/^pd_/)] });
    expect(await authenticate(token.out[0])).toMatchObject({ name: 'Boss', role: 'admin', workspaceSlug: 'acme' });
    expect((await run('token', 'create', '--workspace', 'acme', '--admin', '--email', 'ann@acme.test')).code).toBe(2);
  });

  it('seeds demo data once', async () => {
    const seeded = await run('seed', '--demo');
    expect(seeded.out[0]).toBe('seeded workspace demo: 3 tickets, agent agent@demo.test');
    expect((await run('seed', '--demo')).out[0]).toMatch(/already has tickets/);
  });

  it('rejects bad input with exit code 2 and one clear line', async () => {
    expect(await run('user', 'create', '--workspace', 'nope', '--email', 'a@b.test', '--name', 'X', '--role', 'agent')).toMatchObject({ code: 2, err: expect.stringContaining('workspace "nope" does not exist') });
    expect((await run('user', 'create', '--workspace', 'acme', '--email', 'a@b.test', '--name', 'X', '--role', 'wizard')).err).toMatch(/--role must be one of/);
    expect((await run('workspace', 'create', 'acme')).code).toBe(2);
    expect(await run('frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining("unknown command 'frobnicate'") });
    expect((await run('token', 'create', '--workspace')).err).toMatch(/'--workspace <value>' argument missing/);
    expect((await run('workspace', 'create', 'one', 'two')).err).toMatch(/unexpected argument 'two'/);
  });

  it('refuses unknown flags instead of ignoring them, and changes nothing', async () => {
    const typo = await run('workspace', 'create', 'typo', '--nmae', 'Typo');
    expect(typo).toMatchObject({ code: 2, out: [] });
    expect(typo.err).toBe("polydesk workspace create: unknown option '--nmae'\nsee 'polydesk workspace create --help'");
    expect((await run('workspace', 'create', 'typo')).code).toBe(0); // the refused run created nothing
    expect(await run('migrate', '--dry-run')).toMatchObject({ code: 2, err: expect.stringContaining("unknown option '--dry-run'") });
    expect((await run('seed', '--demo', '--workspace', 'demo', '--force')).code).toBe(2);
  });

  it('answers --help with exit 0 without opening the database', () => {
    // An unreachable database: any attempt to open it would fail the command.
    const env = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/unreachable' };
    const help = bin(['--help'], env);
    expect(help.status).toBe(0);
    for (const name of ['migrate', 'workspace create', 'user create', 'token create', 'seed']) expect(help.stdout).toContain(`polydesk ${name}`);
    const tokenHelp = bin(['token', 'create', '--help'], env);
    expect(tokenHelp.status).toBe(0);
    expect(tokenHelp.stdout).toMatch(/--admin .*recovers a lost admin token/);
    expect(bin(['migrate', '-h'], env).status).toBe(0);
    const bare = bin([], env);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('usage: polydesk <command>');
  });

  it('prints only the token on stdout, so $(polydesk token create ...) captures it', async () => {
    const env = { DATA_DIR: dir, DATABASE_URL: process.env.DATABASE_URL ?? '' };
    const r = bin(['token', 'create', '--workspace', 'acme', '--admin'], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^pd_[A-Za-z0-9_-]{40,}\n$/);
    expect(await authenticate(r.stdout.trim())).toMatchObject({ role: 'admin', workspaceSlug: 'acme' });
  });
});

describe('polydesk CLI --help on a fresh data directory', { timeout: 60_000 }, () => {
  it('creates no database', async () => {
    const fresh = await mkdtemp(path.join(os.tmpdir(), 'polydesk-cli-help-'));
    try {
      expect(bin(['user', 'create', '--help'], { DATA_DIR: fresh, DATABASE_URL: '' }).status).toBe(0);
      expect(await readdir(fresh)).toEqual([]);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });
});
