// Logger options: request ids, and secrets redacted wherever a client may put them.
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

export const REDACTED_HEADERS = ['authorization', 'apikey', 'x-secret-key', 'cookie'];
const SECRET_KEYS = new Set(['auth_token', 'api_key', 'apikey', 'token', 'secret', 'password']);

const decode = (k: string): string => {
  try {
    return decodeURIComponent(k.replace(/\+/g, ' '));
  } catch {
    return k;
  }
};

/** The URL with the values of secret query parameters replaced; keys are compared decoded, as the server reads them. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const pairs = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      return SECRET_KEYS.has(decode(key).trim().toLowerCase()) ? `${key}=[REDACTED]` : pair;
    });
  return `${url.slice(0, q)}?${pairs.join('&')}`;
}

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [...REDACTED_HEADERS.map((h) => `req.headers["${h}"]`), '*.token', '*.secret', '*.password'],
      censor: '[REDACTED]',
    },
    serializers: {
      req(req) {
        return { method: req.method, url: redactUrl(req.url), remoteAddress: req.ip, requestId: req.id };
      },
    },
  };
}

const PROBES = new Set(['/healthz', '/readyz']);
const isProbe = (url: string | undefined): boolean => PROBES.has((url ?? '').split('?')[0]);

/** Fastify's own request logging (info) skips health probes: they arrive every few seconds. */
export const skipProbeLogging = (req: { url?: string }): boolean => isProbe(req.url);

/** Health probes are logged at debug instead. */
export function logProbesAtDebug(app: FastifyInstance): void {
  app.addHook('onResponse', async (req, reply) => {
    if (isProbe(req.url)) req.log.debug({ req, res: reply, responseTime: reply.elapsedTime }, 'probe answered');
  });
}
