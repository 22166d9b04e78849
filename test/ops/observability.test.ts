// The shipped observability files: every metric the Grafana dashboard queries is one polydesk
// exports; the Prometheus config and the compose profile validate with their own tools.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';

const TOKEN = 'metrics-token-0123456789';
const has = (cmd: string, arg = '--version') => spawnSync(cmd, [arg]).status === 0;
const promtool = has('promtool');
const compose = has('docker-compose', 'version');
if (!promtool) console.warn('skipping `promtool check config`: promtool not installed (apt-get install -y prometheus)');
if (!compose) console.warn('skipping `docker-compose config`: docker-compose not installed (apt-get install -y docker-compose)');

const root = new URL('../../', import.meta.url);

let t: TestApp;
beforeAll(async () => {
  t = await startApp({ METRICS_TOKEN: TOKEN });
});
afterAll(() => t.close());

describe('Grafana dashboard', () => {
  it('queries only metrics polydesk exports', async () => {
    const dash = JSON.parse(await readFile(new URL('observability/grafana/dashboards/polydesk.json', root), 'utf8'));
    // Fill every series once so that labelled metrics are present in the scrape.
    const ws = await t.workspace('dash');
    await t.app.inject({ method: 'POST', url: '/taskip/api/public-v1/support-ticket', headers: { 'x-secret-key': ws.agent.token }, payload: { subject: 'x', priority: 1 } });
    const scrape = (await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
    const exported = new Set(scrape.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(/[{ ]/)[0]));
    const exprs: string[] = dash.panels.flatMap((p: { targets: { expr: string }[] }) => p.targets.map((x) => x.expr));
    expect(exprs.length).toBeGreaterThanOrEqual(10);
    const used = new Set(exprs.flatMap((e) => e.match(/\b(polydesk|process|nodejs)_[a-z_]+\b/g) ?? []));
    expect(used.size).toBeGreaterThan(5);
    // rate_limit and pool series appear once something fills them; their names are registered either way.
    const registered = new Set(scrape.split('\n').filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]));
    for (const name of used) expect(exported.has(name) || registered.has(name), name).toBe(true);
  });
});

describe.skipIf(!promtool)('Prometheus config', () => {
  it('passes `promtool check config`', () => {
    const res = spawnSync('promtool', ['check', 'config', 'observability/prometheus.yml'], { cwd: root, encoding: 'utf8' });
    expect(res.status, res.stdout + res.stderr).toBe(0);
  });
});

describe.skipIf(!compose)('docker-compose.yml', () => {
  it('validates, with and without the observability profile', () => {
    // The variables the compose file requires (it refuses to start without them).
    const env = { ...process.env, JWT_SECRET: 'compose-config-check-0123456789' };
    const base = spawnSync('docker-compose', ['config'], { cwd: root, env, encoding: 'utf8' });
    expect(base.status, base.stderr).toBe(0);
    // Prometheus and Grafana start only with the profile.
    for (const svc of ['prometheus', 'grafana']) expect(base.stdout).toMatch(new RegExp(`\\n  ${svc}:\\n(    .*\\n)*?    profiles:\\n    - observability\\n`));
    const obs = spawnSync('docker-compose', ['--profile', 'observability', 'config', '--services'], { cwd: root, env, encoding: 'utf8' });
    expect(obs.status, obs.stderr).toBe(0);
    expect(obs.stdout.split('\n').filter(Boolean).sort()).toEqual(['app', 'grafana', 'postgres', 'prometheus', 'redis']);
  });
});
