// Environment -> one typed, validated configuration object.
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (def: number) => z.coerce.number().int().positive().default(def);
const prefix = (def: string) =>
  z
    .string()
    .default(def)
    .refine((p) => p === '' || /^\/[A-Za-z0-9/_-]*[^/]$/.test(p), 'must be empty or start with / and not end with /');

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
  TRUST_PROXY: bool.default(false),
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
  // How long a resolved API token / JWT grant is reused without a lookup (0 = never); bounds revocation delay across instances.
  TOKEN_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
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
  trustProxy: boolean;
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
  };
}

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
    },
    ...overrides,
  };
}
