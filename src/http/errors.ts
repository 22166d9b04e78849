// Turning any error into a status, a message and field details; dialects render these in
// their own envelopes. Stack traces never reach clients.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDomainError, type FieldErrors } from '../domain/errors.js';
import { AttachmentTooLargeError } from '../domain/attachments/store.js';
import { isDatabaseUnavailable } from '../db/availability.js';
import { IdempotencyError } from './idempotency-error.js';

export type ErrorKind = 'validation' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'rate_limited' | 'bad_request' | 'unavailable' | 'internal' | IdempotencyError['kind'];

export interface ClassifiedError {
  kind: ErrorKind;
  status: number;
  message: string;
  fields: FieldErrors;
}

const STATUS_KIND: Record<number, ErrorKind> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  415: 'bad_request',
  429: 'rate_limited',
};

const conflict = { kind: 'conflict', status: 409, message: 'A record with these values already exists' } as const;
const missingReference = { kind: 'validation', status: 400, message: 'A referenced record does not exist' } as const;
const DATABASE_ERRORS: Record<string, Omit<ClassifiedError, 'fields'>> = {
  P2002: conflict,
  '23505': conflict,
  P2003: missingReference,
  '23503': missingReference,
  P2025: { kind: 'not_found', status: 404, message: 'Not found' },
};

function validationFields(err: { validation: { instancePath: string; message?: string }[]; validationContext?: string }): FieldErrors {
  const fields: FieldErrors = {};
  for (const v of err.validation) {
    const key = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || err.validationContext || 'body';
    (fields[key] ??= []).push(v.message ?? 'is invalid');
  }
  return fields;
}

export function classifyError(err: unknown): ClassifiedError {
  if (err instanceof IdempotencyError) return { kind: err.kind, status: err.status, message: err.message, fields: {} };
  if (err instanceof AttachmentTooLargeError) return { kind: 'too_large', status: 413, message: err.message, fields: err.fields };
  if (isDomainError(err)) {
    switch (err.kind) {
      case 'not_found':
        return { kind: 'not_found', status: 404, message: err.message.replace(/^./, (c) => c.toUpperCase()), fields: {} };
      case 'forbidden':
        return { kind: 'forbidden', status: 403, message: err.message || 'Access denied', fields: {} };
      case 'conflict':
        return { kind: 'conflict', status: 409, message: err.message, fields: {} };
      case 'validation':
        return { kind: 'validation', status: 400, message: err.message, fields: 'fields' in err ? (err.fields as FieldErrors) : {} };
    }
  }
  // A database that cannot be reached, or load shedding: temporary, so 503 (Retry-After is set in unavailable.ts).
  if (isDatabaseUnavailable(err)) return { kind: 'unavailable', status: 503, message: 'Service temporarily unavailable: the database cannot be reached', fields: {} };
  if ((err as { statusCode?: unknown })?.statusCode === 503) return { kind: 'unavailable', status: 503, message: 'Service temporarily unavailable, retry later', fields: {} };
  // Constraint failures, as Prisma reports them or (hand-written SQL on pg or PGlite) as SQLSTATEs.
  const code = (err as { clientVersion?: unknown; severity?: unknown })?.clientVersion || (err as { severity?: unknown })?.severity ? (err as { code?: string }).code : undefined;
  const known = code ? DATABASE_ERRORS[code] : undefined;
  if (known) return { ...known, fields: {} };
  const e = err as FastifyError & { validationContext?: string };
  // busboy's parse errors carry no status: a malformed multipart body is the client's.
  if (e instanceof Error && !e.statusCode && /^(Multipart: |Unexpected end of |Malformed part header|Part terminated early)/.test(e.message)) {
    return { kind: 'bad_request', status: 400, message: `Malformed multipart body: ${e.message}`, fields: {} };
  }
  if (hasZodFastifySchemaValidationErrors(e) || (Array.isArray(e?.validation) && e.validation.length)) {
    const fields = validationFields(e as never);
    const [first] = Object.entries(fields);
    return { kind: 'validation', status: 400, message: first ? `${first[0]}: ${first[1][0]}` : 'invalid request', fields };
  }
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    let message = e.message || 'Bad Request';
    // Count limits of multipart bodies say what was counted, not "too large".
    if (e.code === 'FST_FILES_LIMIT') message = 'Too many files in one request';
    else if (e.code === 'FST_PARTS_LIMIT' || e.code === 'FST_FIELDS_LIMIT') message = 'Too many fields in one request';
    else if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) message = 'Request body is too large';
    else if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') message = 'Unsupported content type';
    else if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') message = 'Body cannot be empty when content-type is set to application/json';
    else if (e instanceof SyntaxError || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY') message = 'Malformed JSON in request body';
    return { kind: STATUS_KIND[status] ?? 'bad_request', status, message, fields: {} };
  }
  return { kind: 'internal', status: 500, message: 'Internal Server Error', fields: {} };
}

/** Logs what deserves logging: server faults in full, client errors briefly. */
export function logError(req: FastifyRequest, err: unknown, c: ClassifiedError): void {
  // One line, no stack or query excerpt: an outage would otherwise flood the log.
  if (c.kind === 'unavailable') req.log.warn({ status: 503, reason: c.message }, 'request shed');
  else if (c.status >= 500) req.log.error({ err }, 'request failed');
  else req.log.info({ status: c.status, reason: c.message }, 'request rejected');
}

/** The default envelope `{message}` (admin API and anything outside a dialect). */
export function defaultErrorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const c = classifyError(err);
  logError(req, err, c);
  const body: Record<string, unknown> = { message: c.message };
  if (Object.keys(c.fields).length) body.errors = c.fields;
  return reply.status(c.status).send(body);
}
