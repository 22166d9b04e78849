// SupportBee's error envelope: `{"error": "<message>"}`, plus `"errors": {field: [messages]}`
// on validation failures. Status codes: 400 validation, 403 access denied (also a missing
// or bad token), 404 missing, 413 too large, 429 rate limited, 500.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { FieldErrors } from '../../domain/errors.js';
import { classifyError, logError } from '../../http/errors.js';

export function errorBody(message: string, fields: Record<string, string[]> = {}) {
  return Object.keys(fields).length ? { error: message, errors: fields } : { error: message };
}

/** The objects SupportBee request bodies wrap a resource's fields in: `{"ticket": {"subject": ...}}`. */
const WRAPPERS = new Set(['ticket', 'reply', 'comment', 'draft', 'user', 'member', 'snippet', 'forwarding_address', 'rule', 'consequence', 'user_assignment', 'team_assignment']);

/**
 * A validation path as SupportBee (a Rails app) names the field: the attribute inside the
 * resource, nested attributes joined by dots, list positions left out. `ticket.subject` is
 * `subject`, `ticket.content.attachment_ids.1` is `content.attachment_ids`; a missing wrapper
 * (`ticket`) keeps its own name. Field names the handlers give (`requester_email`) are already so.
 */
export function vendorField(path: string): string {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  if (parts.length > 1 && WRAPPERS.has(parts[0])) parts.shift();
  return parts.join('.') || path;
}

/** One key per field, its messages listed once each. */
export function vendorFields(fields: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, messages] of Object.entries(fields)) {
    const list = (out[vendorField(path)] ??= []);
    for (const m of messages) if (!list.includes(m)) list.push(m);
  }
  return out;
}

const isSchemaValidation = (err: unknown): boolean =>
  hasZodFastifySchemaValidationErrors(err) || (Array.isArray((err as { validation?: unknown })?.validation) && (err as { validation: unknown[] }).validation.length > 0);

// SupportBee documents no 401 or 409: a conflict is a validation failure, unauthenticated is access denied.
const STATUS_MAP: Record<number, number> = { 401: 403, 409: 400 };

export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const c = classifyError(err);
  logError(req, err, c);
  // Idempotency-Key refusals keep their 409/422 (polydesk's extension, documented as such).
  const status = c.kind.startsWith('idempotency_') ? c.status : (STATUS_MAP[c.status] ?? c.status);
  const fields = vendorFields(c.fields);
  let message = c.message;
  // A schema failure's message names its first field: by the field's SupportBee name too.
  const [first] = Object.entries(fields);
  if (first && isSchemaValidation(err)) message = `${first[0]}: ${first[1][0]}`;
  return reply.status(status).send(errorBody(message, fields));
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send(errorBody(`Route ${req.method} ${req.url.split('?')[0]} not found`));
}
