// SupportBee's error envelope: `{"error": "<message>"}`, plus `"errors": {field: [messages]}`
// on validation failures. Status codes: 400 validation, 403 access denied (also a missing
// or bad token), 404 missing, 413 too large, 429 rate limited, 500.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { classifyError, logError } from '../../http/errors.js';

export function errorBody(message: string, fields: Record<string, string[]> = {}) {
  return Object.keys(fields).length ? { error: message, errors: fields } : { error: message };
}

// SupportBee documents no 401 or 409: a conflict is a validation failure, unauthenticated is access denied.
const STATUS_MAP: Record<number, number> = { 401: 403, 409: 400 };

export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const c = classifyError(err);
  logError(req, err, c);
  // Idempotency-Key refusals keep their 409/422 (polydesk's extension, documented as such).
  const status = c.kind.startsWith('idempotency_') ? c.status : (STATUS_MAP[c.status] ?? c.status);
  return reply.status(status).send(errorBody(c.message, c.fields));
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send(errorBody(`Route ${req.method} ${req.url.split('?')[0]} not found`));
}
