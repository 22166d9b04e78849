// TaskIP's error object: {success:false, error, message, errors, status_code}. Validation
// failures (schema or domain) are 422 with errors per field named as on the wire.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { classifyError, logError, type ClassifiedError } from '../../http/errors.js';
import { domainMessage, schemaFields } from './messages.js';
import { NotFoundError, type FieldErrors } from '../../domain/errors.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Validation Error',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Domain field names -> TaskIP's request field names. */
const WIRE_FIELDS: Record<string, string> = {
  requester: 'user_id',
  creator: 'created_by',
  attachment_ids: 'attachment',
  assignee: 'assigned_to',
  queue: 'category',
  client: 'client_id',
  organization: 'client_id',
  tags: 'parameters.tags',
  files: 'files[]',
};

export const ErrorBody = z.object({
  success: z.literal(false),
  error: z.string(),
  message: z.string(),
  errors: z.record(z.string(), z.array(z.string())),
  status_code: z.number().int(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export function errorBody(status: number, message: string, errors: FieldErrors = {}): ErrorBody {
  return { success: false, error: TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Error'), message, errors, status_code: status };
}

function wireFields(fields: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(fields)) {
    const key = WIRE_FIELDS[k] ?? k;
    (out[key] ??= []).push(...v.map((m) => domainMessage(key, m)));
  }
  return out;
}

/** Field errors in Laravel's words: from the zod issues of a schema error, else the domain's. */
function laravelFields(err: unknown, c: ClassifiedError): FieldErrors {
  const e = err as { validation?: unknown; validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(err)) return schemaFields(err.validation, e.validationContext);
  return wireFields(c.fields);
}

/** Validation -> 422 "The given data was invalid"; everything else keeps its status. */
export function toTaskip(c: ClassifiedError, err?: unknown): ErrorBody {
  if (c.kind === 'validation') {
    const errors = laravelFields(err, c);
    if (!Object.keys(errors).length) errors.request = [c.message];
    return errorBody(422, 'The given data was invalid', errors);
  }
  if (c.status === 401) return errorBody(401, 'Invalid or missing X-Secret-Key');
  if (c.status === 429) return errorBody(429, 'Too many requests, please slow down');
  return errorBody(c.status, c.message);
}

export function taskipErrorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  // A path id that is not a number names no ticket: 404, as for any unknown id.
  if ((err as { validationContext?: string }).validationContext === 'params') {
    return reply.status(404).send(errorBody(404, 'Ticket not found'));
  }
  const c = classifyError(err);
  logError(req, err, c);
  // The domain's "message" is a note or a reply on the wire.
  if (err instanceof NotFoundError && err.entity === 'message') c.message = /note/.test(req.routeOptions.url ?? '') ? 'Note not found' : 'Reply not found';
  const body = toTaskip(c, err);
  return reply.status(body.status_code).send(body);
}

export function taskipNotFound(req: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send(errorBody(404, `Route ${req.method} ${req.url.split('?')[0]} not found`));
}
