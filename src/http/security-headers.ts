// Security headers: one fixed set per kind of answer, computed once and set before the
// handler runs (a handler may still override one, as downloads do with their sandbox CSP).
// The API answers JSON and files, never pages, so its CSP forbids everything; the docs
// pages get their own policy (scripts and styles from this origin, try-it requests to
// this origin). The set is helmet's defaults, minus what does not fit an API behind a
// TLS proxy: no HSTS (the proxy owns it for its domain) and no Cross-Origin-Resource-Policy
// (browsers on other origins call the API through CORS, which already decides).
import type { FastifyInstance } from 'fastify';

const csp = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([k, v]) => `${k} ${v}`)
    .join(';');

const COMMON = {
  'cross-origin-opener-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
} as const;

export const SECURITY_HEADERS = {
  api: { ...COMMON, 'content-security-policy': csp({ 'default-src': "'none'", 'frame-ancestors': "'none'", 'base-uri': "'none'", 'form-action': "'none'" }) },
  // Swagger UI sets inline styles; scripts stay files.
  docs: {
    ...COMMON,
    'content-security-policy': csp({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'font-src': "'self' data:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'frame-ancestors': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
    }),
  },
} as const;

export type SecurityPolicy = keyof typeof SECURITY_HEADERS;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which header set a route answers with (default `api`). */
    securityHeaders?: SecurityPolicy;
  }
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(SECURITY_HEADERS[req.routeOptions.config?.securityHeaders ?? 'api']);
    done();
  });
}
