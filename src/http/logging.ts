// Logger options: request ids, and secrets redacted wherever a client may put them.
import type { FastifyServerOptions } from 'fastify';

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
