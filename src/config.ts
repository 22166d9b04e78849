// Environment -> one typed, validated configuration object.
import path from 'node:path';
import v8 from 'node:v8';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (def: number) => z.coerce.number().int().positive().default(def);
/** 0 switches the limit off. */
const limitOrOff = (def: number) => z.coerce.number().int().min(0).default(def);
const prefix = (def: string) =>
  z
    .string()
    .default(def)
    .refine((p) => p === '' || /^\/[A-Za-z0-9/_-]*[^/]$/.test(p), 'must be empty or start with / and not end with /');

/**
 * Which proxies' X-Forwarded-* headers to believe, as Fastify's trustProxy takes it:
 * true/false, a hop count (digits), or a comma-separated list of addresses and CIDR ranges.
 */
const trustProxy = z
  .string()
  .transform((v, c): boolean | number | string[] => {
    const s = v.trim().toLowerCase();
    if (['true', 'yes'].includes(s)) return true;
    if (['false', 'no', '0'].includes(s)) return false;
    if (/^\d{1,3}$/.test(s)) return Number(s);
    const list = s.split(',').map((x) => x.trim()).filter(Boolean);
    if (list.length && list.every((x) => /^[0-9a-f.:]+(\/\d{1,3})?$/.test(x))) return list;
    c.addIssue({ code: 'custom', message: 'must be true, false, a hop count or a comma-separated list of proxy addresses/CIDRs' });
    return z.NEVER;
  });

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: int(10),
  DATA_DIR: z.string().default('./data'),
  REDIS_URL: z.string().url().optional(),
  JWT_SECRET: z.string().min(16).optional(),
  BOOTSTRAP_TOKEN: z.string().min(16).optional(),
  BOOTSTRAP_WORKSPACE: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).default('default'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: int(1024 * 1024),
  ATTACHMENT_LIMIT_BYTES: int(10 * 1024 * 1024),
  ATTACHMENT_MAX_FILES: int(10),
  TRUST_PROXY: trustProxy.default(false),
  PUBLIC_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//i.test(u) && !/[?#]/.test(u), 'must be an http(s) URL without query or fragment')
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  NODE_ENV: z.string().optional(),
  UPLOAD_RATE_LIMIT_MAX: int(30),
  UPLOAD_RATE_LIMIT_WINDOW_MS: int(60 * 1000),
  DOCS: bool.default(true),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
    .refine((list) => list.every((o) => o === '*' || /^https?:\/\/[^/\s]+$/.test(o)), 'a comma-separated list of origins (scheme://host[:port]) or *'),
  ETAG: bool.default(true),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_TOKEN: z.string().min(16).optional(),
  DIALECT_SUPTASK_PREFIX: prefix('/suptask'),
  DIALECT_SUPPORTBEE_PREFIX: prefix('/supportbee'),
  DIALECT_CRM_PREFIX: prefix('/crm'),
  DIALECT_TASKIP_PREFIX: prefix('/taskip'),
  DIALECT_SYMPOQ_PREFIX: prefix('/sympoq'),
  SUPTASK_RATE_LIMIT_MAX: int(100),
  SUPTASK_RATE_LIMIT_WINDOW_MS: int(15 * 60 * 1000),
  SUPPORTBEE_ANON_CREATE_PER_HOUR: int(5),
  SUPPORTBEE_CREATE_PER_MINUTE: int(8),
  TASKIP_RATE_LIMIT_MAX: int(600),
  TASKIP_RATE_LIMIT_WINDOW_MS: int(60 * 1000),
  IDEMPOTENCY_TTL_SECONDS: int(24 * 60 * 60),
  IDEMPOTENCY_LEASE_MS: int(60 * 1000),
  WEBHOOK_WORKER: bool.default(true),
  WEBHOOK_POLL_MS: int(1000),
  WEBHOOK_TIMEOUT_MS: int(10 * 1000),
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .regex(/^\d+(\.\d+)?(,\d+(\.\d+)?)*$/, 'comma-separated seconds')
    .default('5,30,120,600,3600,21600'),
  WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  WEBHOOK_SECRET_KEY: z.string().min(16).optional(),
  WEBHOOK_RETENTION_DAYS: int(30),
  // How long a resolved API token / JWT grant is reused without a lookup (0 = never); bounds revocation delay across instances.
  TOKEN_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  // Operations (README "Operations"): timeouts, load shedding, dependencies, shutdown, storage.
  REQUEST_TIMEOUT_MS: int(30_000),
  UPLOAD_TIMEOUT_MS: int(300_000),
  HEADERS_TIMEOUT_MS: int(10_000),
  KEEP_ALIVE_TIMEOUT_MS: int(5_000),
  CONNECTION_TIMEOUT_MS: int(60_000),
  MAX_CONNECTIONS: int(2048),
  PRESSURE_MAX_EVENT_LOOP_DELAY_MS: limitOrOff(1000),
  PRESSURE_MAX_HEAP_BYTES: limitOrOff(Math.floor(v8.getHeapStatistics().heap_size_limit * 0.9)),
  PRESSURE_MAX_RSS_BYTES: limitOrOff(0),
  RETRY_AFTER_SECONDS: int(5),
  DATABASE_STARTUP_TIMEOUT_MS: limitOrOff(30_000),
  REDIS_COMMAND_TIMEOUT_MS: int(50),
  SHUTDOWN_GRACE_MS: int(8_000),
  SHUTDOWN_DRAIN_MS: limitOrOff(2_000),
  ATTACHMENT_STORAGE: z.enum(['fs', 'postgres', 's3']).optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().optional(),
  S3_PREFIX: z.string().default('attachments/'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: bool.optional(),
  UPLOAD_SWEEP_AGE_MS: int(24 * 60 * 60 * 1000),
  UPLOAD_SWEEP_INTERVAL_MS: int(15 * 60 * 1000),
});

export type Env = z.input<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  database: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string | null };
  dataDir: string;
  attachmentsDir: string;
  redisUrl?: string;
  /** HS256 secret for Suptask JWTs; when absent one is derived and kept under the data dir. */
  jwtSecret?: string;
  bootstrap: { token?: string; workspace: string };
  logLevel: string;
  bodyLimit: number;
  attachments: { maxBytes: number; maxFiles: number };
  trustProxy: boolean | number | string[];
  /** Base of absolute links (attachment URLs); unset: the forwarded host when TRUST_PROXY is set, else http://localhost:PORT. */
  publicUrl?: string;
  /** NODE_ENV=production: secrets must come from the environment (JWT_SECRET). */
  production: boolean;
  docs: boolean;
  /** Weak ETags and 304s on GET responses. */
  etag: boolean;
  /** Origins allowed to call the API from a browser; empty = no CORS. */
  corsOrigins: string[];
  /** /metrics on a port of its own and/or behind a bearer token; neither = no metrics. */
  metrics: { port?: number; token?: string };
  tokenCacheTtlMs: number;
  prefixes: Record<'suptask' | 'supportbee' | 'crm' | 'taskip' | 'sympoq', string>;
  limits: {
    suptask: { max: number; windowMs: number };
    supportbee: { anonymousPerHour: number; createPerMinute: number };
    taskip: { max: number; windowMs: number };
    uploads: { max: number; windowMs: number };
  };
  idempotency: { ttlMs: number; leaseMs: number };
  webhooks: {
    worker: boolean;
    pollMs: number;
    timeoutMs: number;
    /** Delay before each retry, in ms; after the last one a delivery is failed. */
    retryScheduleMs: number[];
    allowPrivate: boolean;
    /** Encrypts endpoint secrets at rest when set. */
    secretKey?: string;
    retentionMs: number;
  };
  /** Timeouts and connection cap of the HTTP server; multipart requests get `uploadTimeoutMs`. */
  server: { requestTimeoutMs: number; uploadTimeoutMs: number; headersTimeoutMs: number; keepAliveTimeoutMs: number; connectionTimeoutMs: number; maxConnections: number };
  /** Load shedding (0 = that limit off) and the Retry-After given with every 503. */
  pressure: { maxEventLoopDelayMs: number; maxHeapBytes: number; maxRssBytes: number; retryAfterSeconds: number };
  /** How long start-up keeps retrying an unreachable database (0 = one attempt). */
  databaseStartupTimeoutMs: number;
  redisCommandTimeoutMs: number;
  /** On SIGTERM: /readyz answers 503 for `drainMs` while requests are still served, then the server closes; exit by `graceMs`. */
  shutdown: { graceMs: number; drainMs: number };
  storage: StorageConfig;
  sweeper: { ageMs: number; intervalMs: number };
}

export type StorageConfig =
  | { driver: 'fs'; dir: string }
  | { driver: 'postgres' }
  | { driver: 's3'; endpoint?: string; region: string; bucket: string; prefix: string; accessKeyId?: string; secretAccessKey?: string; forcePathStyle: boolean };

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError with one readable line on bad input. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  // An explicitly empty prefix mounts a dialect at the root.
  for (const k of Object.keys(env)) if (k.startsWith('DIALECT_') && env[k] === '') cleaned[k] = '';
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${msg}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const driver = e.ATTACHMENT_STORAGE ?? (e.DATABASE_URL ? 'postgres' : 'fs');
  if (driver === 's3' && !e.S3_BUCKET) throw new ConfigError('invalid configuration: ATTACHMENT_STORAGE=s3 needs S3_BUCKET');
  const storage: StorageConfig =
    driver === 's3'
      ? {
          driver,
          endpoint: e.S3_ENDPOINT,
          region: e.S3_REGION,
          bucket: e.S3_BUCKET!,
          prefix: e.S3_PREFIX,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          forcePathStyle: e.S3_FORCE_PATH_STYLE ?? Boolean(e.S3_ENDPOINT),
        }
      : driver === 'postgres'
        ? { driver }
        : { driver, dir: path.join(dataDir, 'attachments') };
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    dataDir,
    attachmentsDir: path.join(dataDir, 'attachments'),
    redisUrl: e.REDIS_URL,
    jwtSecret: e.JWT_SECRET,
    bootstrap: { token: e.BOOTSTRAP_TOKEN, workspace: e.BOOTSTRAP_WORKSPACE },
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT_BYTES,
    attachments: { maxBytes: e.ATTACHMENT_LIMIT_BYTES, maxFiles: e.ATTACHMENT_MAX_FILES },
    trustProxy: e.TRUST_PROXY,
    publicUrl: e.PUBLIC_URL,
    production: e.NODE_ENV === 'production',
    docs: e.DOCS,
    etag: e.ETAG,
    corsOrigins: e.CORS_ORIGINS,
    metrics: { port: e.METRICS_PORT, token: e.METRICS_TOKEN },
    tokenCacheTtlMs: e.TOKEN_CACHE_TTL_MS,
    prefixes: {
      suptask: e.DIALECT_SUPTASK_PREFIX,
      supportbee: e.DIALECT_SUPPORTBEE_PREFIX,
      crm: e.DIALECT_CRM_PREFIX,
      taskip: e.DIALECT_TASKIP_PREFIX,
      sympoq: e.DIALECT_SYMPOQ_PREFIX,
    },
    limits: {
      suptask: { max: e.SUPTASK_RATE_LIMIT_MAX, windowMs: e.SUPTASK_RATE_LIMIT_WINDOW_MS },
      supportbee: { anonymousPerHour: e.SUPPORTBEE_ANON_CREATE_PER_HOUR, createPerMinute: e.SUPPORTBEE_CREATE_PER_MINUTE },
      taskip: { max: e.TASKIP_RATE_LIMIT_MAX, windowMs: e.TASKIP_RATE_LIMIT_WINDOW_MS },
      uploads: { max: e.UPLOAD_RATE_LIMIT_MAX, windowMs: e.UPLOAD_RATE_LIMIT_WINDOW_MS },
    },
    idempotency: { ttlMs: e.IDEMPOTENCY_TTL_SECONDS * 1000, leaseMs: e.IDEMPOTENCY_LEASE_MS },
    webhooks: {
      worker: e.WEBHOOK_WORKER,
      pollMs: e.WEBHOOK_POLL_MS,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      retryScheduleMs: e.WEBHOOK_RETRY_SCHEDULE.split(',').map((s) => Math.round(Number(s) * 1000)),
      allowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
      secretKey: e.WEBHOOK_SECRET_KEY,
      retentionMs: e.WEBHOOK_RETENTION_DAYS * 24 * 60 * 60 * 1000,
    },
    server: {
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      uploadTimeoutMs: Math.max(e.UPLOAD_TIMEOUT_MS, e.REQUEST_TIMEOUT_MS),
      headersTimeoutMs: Math.min(e.HEADERS_TIMEOUT_MS, e.REQUEST_TIMEOUT_MS),
      keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS,
      connectionTimeoutMs: e.CONNECTION_TIMEOUT_MS,
      maxConnections: e.MAX_CONNECTIONS,
    },
    pressure: {
      maxEventLoopDelayMs: e.PRESSURE_MAX_EVENT_LOOP_DELAY_MS,
      maxHeapBytes: e.PRESSURE_MAX_HEAP_BYTES,
      maxRssBytes: e.PRESSURE_MAX_RSS_BYTES,
      retryAfterSeconds: e.RETRY_AFTER_SECONDS,
    },
    databaseStartupTimeoutMs: e.DATABASE_STARTUP_TIMEOUT_MS,
    redisCommandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
    shutdown: { graceMs: e.SHUTDOWN_GRACE_MS, drainMs: Math.min(e.SHUTDOWN_DRAIN_MS, Math.floor(e.SHUTDOWN_GRACE_MS / 2)) },
    storage,
    sweeper: { ageMs: e.UPLOAD_SWEEP_AGE_MS, intervalMs: e.UPLOAD_SWEEP_INTERVAL_MS },
    ...overrides,
  };
}
