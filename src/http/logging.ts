// Logger options: request ids, and secrets redacted wherever a client may put them.
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

export const REDACTED_HEADERS = ['authorization', 'apikey', 'x-secret-key', 'cookie'];
const SECRET_KEYS = new Set(['auth_token', 'api_key', 'apikey', 'token', 'secret', 'password', 'access_token', 'x-secret-key']);
const CENSOR = '[REDACTED]';

const decode = (k: string): string => {
  try {
    return decodeURIComponent(k.replace(/\+/g, ' '));
  } catch {
    return k;
  }
};

/**
 * Whether a parameter name carries a secret, in any form a parser may accept: `auth_token`,
 * `auth_token[]`, `auth_token[0]`, `user[password]`, percent-encoded (even twice), any case.
 */
export function isSecretName(name: string): boolean {
  let k = name;
  for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(k); i++) k = decode(k);
  return k
    .toLowerCase()
    .split(/[[\]]+/)
    .some((segment) => SECRET_KEYS.has(segment.trim()));
}

/** An urlencoded string (query or form body) with the values of secret parameters replaced. */
export function redactParams(params: string): string {
  return params
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      return isSecretName(decode(key)) ? `${key}=${CENSOR}` : pair;
    })
    .join('&');
}

/** The URL with the values of secret query parameters replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : `${url.slice(0, q)}?${redactParams(url.slice(q + 1))}`;
}

/** A parsed body or query (objects, arrays, or an urlencoded string) with secret-named values replaced. */
export function redactValue(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return v.includes('=') ? redactParams(v) : v;
  if (depth > 8 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => redactValue(x, depth + 1));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, isSecretName(k) ? CENSOR : redactValue(x, depth + 1)]));
}

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [...REDACTED_HEADERS.map((h) => `req.headers["${h}"]`), '*.token', '*.secret', '*.password'],
      censor: CENSOR,
    },
    serializers: {
      req(req) {
        return { method: req.method, url: redactUrl(req.url), remoteAddress: req.ip, requestId: req.id };
      },
      // Anything that logs a request's body or query goes through the same names.
      body: (b: unknown) => redactValue(b),
      query: (q: unknown) => redactValue(q),
      url: (u: unknown) => (typeof u === 'string' ? redactUrl(u) : u),
    },
  };
}

const PROBES = new Set(['/healthz', '/readyz']);
const isProbe = (url: string | undefined): boolean => PROBES.has((url ?? '').split('?')[0]);

/** Fastify's own request logging (info) skips health probes: they arrive every few seconds. */
export const skipProbeLogging = (req: { url?: string }): boolean => isProbe(req.url);

/** Health probes are logged at debug instead. */
export function logProbesAtDebug(app: FastifyInstance): void {
  app.addHook('onResponse', (req, reply, done) => {
    if (isProbe(req.url)) req.log.debug({ req, res: reply, responseTime: reply.elapsedTime }, 'probe answered');
    done();
  });
}
