// Logger options: request ids, and secrets redacted wherever a client may put them.
import type { FastifyServerOptions } from 'fastify';

export const REDACTED_HEADERS = ['authorization', 'apikey', 'x-secret-key', 'cookie'];
const SECRET_QUERY = /([?&](?:auth_token|api_key|apikey|token)=)[^&#]*/gi;

export const redactUrl = (url: string): string => url.replace(SECRET_QUERY, '$1[REDACTED]');

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
