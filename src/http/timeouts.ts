// Slow clients: Node's server timeouts (headers, whole request, idle keep-alive, idle socket)
// plus a connection cap, and a per-request deadline so multipart uploads may take
// UPLOAD_TIMEOUT_MS while every other request must arrive whole within REQUEST_TIMEOUT_MS.
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';

type ServerLimits = Config['server'];

/** Fastify constructor options. Node enforces the longest (upload) deadline itself, checked every second. */
export function serverTimeoutOptions(s: ServerLimits): Pick<FastifyServerOptions, 'requestTimeout' | 'keepAliveTimeout' | 'connectionTimeout'> & {
  http: { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number };
} {
  return {
    requestTimeout: s.uploadTimeoutMs,
    keepAliveTimeout: s.keepAliveTimeoutMs,
    connectionTimeout: s.connectionTimeoutMs,
    http: { headersTimeout: s.headersTimeoutMs, requestTimeout: s.uploadTimeoutMs, connectionsCheckingInterval: 1000 },
  };
}

const isUpload = (contentType: string | undefined) => /^\s*multipart\//i.test(contentType ?? '');
/** No body to wait for (most GETs): headers are all there is, and they have arrived. */
const bodyless = (h: { 'content-length'?: string; 'transfer-encoding'?: string }) => h['transfer-encoding'] === undefined && (h['content-length'] === undefined || h['content-length'] === '0');

/** The shorter deadline for non-upload requests, and the connection cap. */
export function enforceRequestDeadlines(app: FastifyInstance, s: ServerLimits): void {
  app.server.maxConnections = s.maxConnections;
  app.server.headersTimeout = s.headersTimeoutMs;
  if (s.uploadTimeoutMs <= s.requestTimeoutMs) return;
  app.addHook('onRequest', (req, reply, done) => {
    if (bodyless(req.headers) || req.raw.complete || isUpload(req.headers['content-type'])) return done();
    const timer = setTimeout(() => {
      if (req.raw.complete) return;
      // Same answer Node gives at its own request timeout; the socket is not reused.
      reply.hijack();
      if (!reply.raw.headersSent) {
        reply.raw.writeHead(408, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
        reply.raw.end(JSON.stringify({ message: 'Request Timeout' }), () => req.raw.socket.destroy());
      } else req.raw.socket.destroy();
      req.log.info({ timeoutMs: s.requestTimeoutMs }, 'request body not received in time');
    }, s.requestTimeoutMs);
    timer.unref();
    const clear = () => clearTimeout(timer);
    req.raw.once('end', clear);
    req.raw.once('close', clear);
    reply.raw.once('finish', clear);
    done();
  });
}
