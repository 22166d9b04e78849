// Test harness: the real app on a fresh database, driven over HTTP with app.inject, and an
// admin client for fixtures (workspaces, users, tokens, forms...) through the admin API.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { bootstrap } from '../../src/domain/workspaces.js';
import type { Database, Db } from '../../src/db/client.js';
import { freshDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  /** The database the app runs on (a PostgreSQL URL when TEST_DATABASE_URL is set). */
  target: Database['target'];
  config: Config;
  /** Admin token of the bootstrap workspace "default" (a server admin). */
  adminToken: string;
  /** Calls the admin API as the server admin; `workspace` targets another workspace. */
  admin<T = any>(method: InjectOptions['method'], url: string, body?: unknown, workspace?: string): Promise<{ status: number; body: T }>;
  /** Creates a workspace with an admin and an agent, each with an API token. */
  workspace(slug: string): Promise<WorkspaceFixture>;
  close(): Promise<void>;
}

export interface WorkspaceFixture {
  slug: string;
  id: number;
  admin: { id: number; token: string };
  agent: { id: number; token: string; slackId: string };
}

export async function startApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'polydesk-test-'));
  const adminToken = 'pd_test_' + randomBytes(16).toString('hex');
  // Load shedding off unless a test asks for it: the shared test machine's event loop lags by seconds.
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', BOOTSTRAP_TOKEN: adminToken, JWT_SECRET: 'test-secret-test-secret-0123', PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0', ...env });
  await bootstrap(database.prisma, config.bootstrap);
  const app = await buildApp(config, database.prisma, { logger: false, poolStats: database.stats });

  async function admin(method: InjectOptions['method'], url: string, body?: unknown, workspace?: string) {
    const sep = url.includes('?') ? '&' : '?';
    const res = await app.inject({
      method,
      url: `/admin/v1${url}${workspace ? `${sep}workspace=${workspace}` : ''}`,
      headers: { authorization: `Bearer ${adminToken}` },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    return { status: res.statusCode, body: res.body ? res.json() : undefined };
  }

  let slackSeq = 0;
  async function workspace(slug: string): Promise<WorkspaceFixture> {
    const ws = slug === 'default' ? await admin('GET', '/workspaces/default') : await admin('POST', '/workspaces', { slug, name: slug });
    if (ws.status >= 300) throw new Error(`workspace ${slug}: ${JSON.stringify(ws.body)}`);
    const mk = async (role: string, slackId: string) => {
      const u = await admin('POST', '/users', { email: `${role}-${slackId.toLowerCase()}@${slug}.test`, name: `${role} ${slug}`, role, slackId }, slug);
      if (u.status !== 201) throw new Error(JSON.stringify(u.body));
      const t = await admin('POST', '/tokens', { userId: u.body.user.id }, slug);
      return { id: u.body.user.id as number, token: t.body.token as string };
    };
    const tag = `${slug.replace(/[^a-z0-9]/g, '').toUpperCase().slice(0, 6)}${++slackSeq}`;
    const adminUser = await mk('admin', `UA${tag}`);
    const agent = await mk('agent', `UG${tag}`);
    return { slug, id: ws.body.workspace.id, admin: adminUser, agent: { ...agent, slackId: `UG${tag}` } };
  }

  return {
    app,
    db: database.prisma,
    target: database.target,
    config,
    adminToken,
    admin,
    workspace,
    async close() {
      await app.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const json = (res: LightMyRequestResponse) => res.json() as any;
