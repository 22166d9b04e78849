// The server's public base URL for absolute links (attachment downloads). Never taken from
// an untrusted Host header: PUBLIC_URL when configured; else, when TRUST_PROXY names the
// proxies to believe, the host and protocol they forward; else http://localhost:PORT.
import type { FastifyRequest } from 'fastify';

export function publicBase(req: FastifyRequest): string {
  const { publicUrl, trustProxy, port } = req.server.config;
  if (publicUrl) return publicUrl;
  if (trustProxy !== false && trustProxy !== 0) return `${req.protocol}://${req.host}`;
  return `http://localhost:${port}`;
}
