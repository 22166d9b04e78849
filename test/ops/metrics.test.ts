// Prometheus metrics over HTTP: behind METRICS_TOKEN on the public port, or on METRICS_PORT
// only; labelled by dialect, route and status; valid for `promtool check metrics`.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenMetrics } from '../../src/http/metrics.js';
import { onPostgres } from '../helpers/database.js';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';

const TOKEN = 'metrics-token-0123456789';
const promtool = spawnSync('promtool', ['--version']).status === 0;
if (!promtool) console.warn('skipping `promtool check metrics`: promtool not installed (apt-get install -y prometheus)');

/** The value of one sample, by metric name and exact labels (any order). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('METRICS_TOKEN: /metrics on the public port', () => {
  let t: TestApp;
  let ws: WorkspaceFixture;
  beforeAll(async () => {
    t = await startApp({ METRICS_TOKEN: TOKEN, SUPPORTBEE_ANON_CREATE_PER_HOUR: '1' });
    ws = await t.workspace('metrics');
  });
  afterAll(() => t.close());
  const scrape = async () => (await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;

  it('refuses a scrape without the token', async () => {
    expect((await t.app.inject('/metrics')).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong-token-0123456789' } })).statusCode).toBe(401);
  });

  it('counts requests and latency by dialect, route and status; rate-limit rejections; tickets created by dialect', async () => {
    const before = await scrape();
    const created = (d: string) => sample(before, 'polydesk_tickets_created_total', { dialect: d }) ?? 0;
    const taskip = await t.app.inject({ method: 'POST', url: '/taskip/api/public-v1/support-ticket', headers: { 'x-secret-key': ws.agent.token }, payload: { subject: 'Metered', priority: 1 } });
    expect(taskip.statusCode).toBe(201);
    await t.app.inject({ url: '/crm/api/tickets/999999', headers: { authorization: `Bearer ${ws.agent.token}` } });
    const anon = { ticket: { subject: 'Web form', requester_email: 'v@example.test', content: { text: 'hi' } } };
    expect((await t.app.inject({ method: 'POST', url: '/supportbee/tickets', payload: anon })).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: '/supportbee/tickets', payload: anon })).statusCode).toBe(429);

    const text = await scrape();
    expect(sample(text, 'polydesk_tickets_created_total', { dialect: 'taskip' })).toBe(created('taskip') + 1);
    expect(sample(text, 'polydesk_tickets_created_total', { dialect: 'supportbee' })).toBe(created('supportbee') + 1);
    // A refused create counts nothing.
    expect(sample(text, 'polydesk_tickets_created_total', { dialect: 'crm' })).toBeUndefined();
    const ok = { dialect: 'taskip', route: '/taskip/api/public-v1/support-ticket', method: 'POST', status: '201' };
    expect(sample(text, 'polydesk_http_requests_total', ok)).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'polydesk_http_request_duration_seconds_count', ok)).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'polydesk_http_request_duration_seconds_bucket', { ...ok, le: '+Inf' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'polydesk_http_requests_total', { dialect: 'crm', route: '/crm/api/tickets/:id', method: 'GET', status: '404' })).toBe(1);
    expect(sample(text, 'polydesk_http_requests_total', { dialect: 'admin', route: '/admin/v1/users', method: 'POST', status: '201' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'polydesk_rate_limit_rejections_total', { dialect: 'supportbee', route: '/supportbee/tickets' })).toBe(1);
  });

  it('reports the database pool and the process', async () => {
    const text = await scrape();
    const driver = onPostgres() ? 'postgres' : 'pglite';
    expect(sample(text, 'polydesk_db_pool_connections', { driver, state: 'max' })).toBe(onPostgres() ? 5 : 1);
    expect(sample(text, 'polydesk_db_pool_connections', { driver, state: 'total' })).toBeGreaterThanOrEqual(1);
    if (onPostgres()) {
      const idle = sample(text, 'polydesk_db_pool_connections', { driver, state: 'idle' })!;
      const inUse = sample(text, 'polydesk_db_pool_connections', { driver, state: 'in_use' })!;
      expect(idle + inUse).toBe(sample(text, 'polydesk_db_pool_connections', { driver, state: 'total' }));
      expect(sample(text, 'polydesk_db_pool_connections', { driver, state: 'waiting' })).toBe(0);
    }
    expect(sample(text, 'process_resident_memory_bytes', {})).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds', {})).toBeGreaterThanOrEqual(0);
  });

  it.skipIf(!promtool)('passes `promtool check metrics`', async () => {
    const res = spawnSync('promtool', ['check', 'metrics'], { input: await scrape(), encoding: 'utf8' });
    expect(res.stderr + res.stdout).toBe('');
    expect(res.status).toBe(0);
  });
});

describe('METRICS_PORT: a listener of its own', () => {
  it('serves /metrics there and not on the public port', async () => {
    const t = await startApp({ METRICS_PORT: '0' });
    try {
      const port = await listenMetrics(t.app, { ...t.config, host: '127.0.0.1' });
      expect(port).toBeGreaterThan(0);
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(await res.text()).toContain('polydesk_http_requests_total');
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
      expect((await t.app.inject('/metrics')).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  }, 120_000);

  it('serves no metrics at all when neither is set', async () => {
    const t = await startApp();
    try {
      expect((await t.app.inject('/metrics')).statusCode).toBe(404);
      expect(await listenMetrics(t.app, t.config)).toBeNull();
    } finally {
      await t.close();
    }
  }, 120_000);
});
