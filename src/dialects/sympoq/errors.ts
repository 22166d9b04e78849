// Sympoq's error envelope: {"error": "..."} with the HTTP status, plus per-field (or
// per-path-segment) messages on 400s.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { classifyError, logError } from '../../http/errors.js';

export function sendError(reply: FastifyReply, status: number, error: string, fields: Record<string, string[]> = {}) {
  return reply.status(status).send(Object.keys(fields).length ? { error, fields } : { error });
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const c = classifyError(err);
  logError(req, err, c);
  return sendError(reply, c.status, c.message, c.fields);
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  return sendError(reply, 404, `Route ${req.method} ${req.url.split('?')[0]} not found`);
}
