// Security headers (@fastify/helmet). The API answers JSON and files, never pages, so its
// CSP forbids everything; the docs pages get their own policy (scripts and styles from
// this origin, try-it requests to this origin).
import type { FastifyInstance } from 'fastify';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';

const API_CSP = {
  useDefaults: false,
  directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
};

/** Route option `helmet` for the docs pages. Swagger UI sets inline styles; scripts stay files. */
export const docsPolicy = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    },
  },
} satisfies FastifyHelmetOptions;

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: API_CSP,
    // Browsers on other origins call the API through CORS; a resource policy would only
    // get in the way of what CORS already decides.
    crossOriginResourcePolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    // TLS terminates in front of polydesk; the proxy owns HSTS for its whole domain.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}
