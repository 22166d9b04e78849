// Conditional GET: a weak ETag on every successful GET/HEAD body, and 304 Not Modified when
// the client already holds it (If-None-Match). Weak, because compression serves the same
// JSON in several encodings. Registered before compression so it hashes the JSON itself.
import { hash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

const tag = (body: string | Buffer) => `W/"${hash('sha1', body, 'base64url')}"`;

/** RFC 9110 If-None-Match: `*` or a list of tags, compared weakly. */
function matches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const opaque = etag.slice(2);
  return header.split(',').some((t) => {
    const v = t.trim();
    return (v.startsWith('W/') ? v.slice(2) : v) === opaque;
  });
}

export function registerEtag(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // streams: files, assets
    const etag = tag(payload);
    reply.header('etag', etag);
    const inm = req.headers['if-none-match'];
    if (inm && matches(inm, etag)) {
      reply.code(304).removeHeader('content-length');
      return '';
    }
    return payload;
  });
}
