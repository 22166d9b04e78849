// Prometheus metrics on prom-client's default registry (other modules add theirs to it):
// requests and latency by dialect, route and status, rate-limit rejections, tickets created
// by dialect, database pool state and the process metrics. Served on METRICS_PORT (its own
// listener, off the public port) and/or on the public port behind METRICS_TOKEN.
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type * as PromClient from 'prom-client';
import type { Config } from '../config.js';
import type { PoolStats } from '../db/adapter.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Metrics label: the dialect (or `admin`, `core`) that owns the route; set at route registration. */
    dialect?: string;
  }
}

const labels = ['dialect', 'route', 'method', 'status'] as const;
const pools = new Set<() => PoolStats>();
/** The METRICS_PORT listener of each app, closed with it. */
const listeners = new WeakMap<FastifyInstance, http.Server>();

type Metrics = ReturnType<typeof create>;
let prom: typeof PromClient | undefined;
let m: Metrics | undefined;

// Created once per process (the default registry refuses a second metric of the same name),
// and only when metrics are enabled: prom-client is loaded on demand.
function create(client: typeof PromClient) {
  client.collectDefaultMetrics();
  // Gauges named like counters (promtool rejects them); the same counts remain by type in
  // nodejs_active_handles / _requests / _resources.
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) client.register.removeSingleMetric(name);
  return {
    requests: new client.Counter({ name: 'polydesk_http_requests_total', help: 'HTTP requests answered, by dialect, route template, method and status', labelNames: labels }),
    duration: new client.Histogram({
      name: 'polydesk_http_request_duration_seconds',
      help: 'Time from request received to response sent, by dialect, route template, method and status',
      labelNames: labels,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    rateLimited: new client.Counter({ name: 'polydesk_rate_limit_rejections_total', help: 'Requests refused with 429 by a rate limit, by dialect and route template', labelNames: ['dialect', 'route'] as const }),
    ticketsCreated: new client.Counter({ name: 'polydesk_tickets_created_total', help: 'Tickets created, by the dialect that created them', labelNames: ['dialect'] as const }),
    pool: new client.Gauge({
      name: 'polydesk_db_pool_connections',
      help: 'Database connections by state: in_use, idle, waiting (requests queued for a connection), total and max',
      labelNames: ['driver', 'state'] as const,
      collect() {
        this.reset();
        for (const read of pools) {
          const s = read();
          this.set({ driver: s.driver, state: 'max' }, s.max);
          this.set({ driver: s.driver, state: 'total' }, s.total);
          if (s.idle !== undefined) {
            this.set({ driver: s.driver, state: 'idle' }, s.idle);
            this.set({ driver: s.driver, state: 'in_use' }, s.total - s.idle);
          }
          if (s.waiting !== undefined) this.set({ driver: s.driver, state: 'waiting' }, s.waiting);
        }
      },
    }),
  };
}

async function metrics(): Promise<{ client: typeof PromClient; m: Metrics }> {
  // prom-client is CommonJS: its exports are the module's default.
  prom ??= ((await import('prom-client')) as unknown as { default: typeof PromClient }).default;
  m ??= create(prom);
  return { client: prom, m };
}

/** Which dialect a route belongs to, from the prefix it was registered under. */
function dialectOf(config: Config, prefix: string, url: string): string {
  const under = (p: string) => p !== '' && (prefix === p || prefix.startsWith(p + '/'));
  if (under('/admin/v1')) return 'admin';
  const named = Object.entries(config.prefixes);
  for (const [name, p] of named) if (under(p)) return name;
  const core = url === '/' || url === '*' || /^\/(healthz|readyz|metrics|docs)(\/|$)/.test(url);
  const atRoot = named.find(([, p]) => p === '');
  return !core && atRoot ? atRoot[0] : 'core';
}

/** Counts a ticket created through the dialect of this request's route. */
export function countTicketCreated(req: FastifyRequest): void {
  m?.ticketsCreated.inc({ dialect: req.routeOptions.config?.dialect ?? 'core' });
}

const digest = (s: string) => createHash('sha256').update(s).digest();

function authorized(header: string | undefined, token: string | undefined): boolean {
  if (!token) return true;
  const given = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
  return timingSafeEqual(digest(given), digest(token));
}

async function exposition(): Promise<{ type: string; body: string }> {
  const { client } = await metrics();
  return { type: client.register.contentType, body: await client.register.metrics() };
}

export async function registerMetrics(app: FastifyInstance, config: Config, pool?: () => PoolStats): Promise<void> {
  const { port, token } = config.metrics;
  if (port === undefined && !token) return;
  const { m } = await metrics();
  app.addHook('onClose', async () => {
    const server = listeners.get(app);
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  if (pool) {
    pools.add(pool);
    app.addHook('onClose', async () => void pools.delete(pool));
  }
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), dialect: dialectOf(config, route.prefix, route.url) };
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? '(unmatched)';
    const dialect = req.routeOptions.config?.dialect ?? 'none';
    const l = { dialect, route, method: req.method, status: String(reply.statusCode) };
    m.requests.inc(l);
    m.duration.observe(l, reply.elapsedTime / 1000);
    if (reply.statusCode === 429) m.rateLimited.inc({ dialect, route });
  });

  if (token && port === undefined) {
    app.get('/metrics', { schema: { hide: true }, logLevel: 'debug' }, async (req, reply) => {
      if (!authorized(req.headers.authorization, token)) return reply.status(401).header('www-authenticate', 'Bearer').send({ message: 'metrics token required' });
      const { type, body } = await exposition();
      return reply.type(type).send(body);
    });
  }
}

/**
 * Starts the metrics listener on METRICS_PORT (0 = any free port); closed with the app.
 * Returns the bound port, or null when metrics are not on a port of their own.
 */
export async function listenMetrics(app: FastifyInstance, config: Config): Promise<number | null> {
  const { port, token } = config.metrics;
  if (port === undefined) return null;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const send = (status: number, type: string, body: string) => res.writeHead(status, { 'content-type': type }).end(body);
    if (req.method !== 'GET' || path !== '/metrics') return send(404, 'text/plain', 'not found\n');
    if (!authorized(req.headers.authorization, token)) return send(401, 'text/plain', 'metrics token required\n');
    exposition().then(
      ({ type, body }) => send(200, type, body),
      () => send(500, 'text/plain', 'metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, config.host, resolve));
  listeners.set(app, server);
  return (server.address() as AddressInfo).port;
}
