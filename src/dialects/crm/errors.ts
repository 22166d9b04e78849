// The CRM error envelope `{message, errors?}`: 401 bad key, 404 missing, 422 for every
// validation failure (schema or domain), with field names as the client sent them.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { classifyError, logError } from '../../http/errors.js';
import { NotFoundError, ValidationError, type FieldErrors } from '../../domain/errors.js';

/** Domain field names -> the request fields a CRM client sent. */
const WIRE_FIELDS: Record<string, string> = {
  subject: 'ticket_subject',
  description: 'ticket_message',
  organization: 'ticket_clientid',
  client: 'ticket_clientid',
  queue: 'ticket_categoryid',
  project: 'ticket_projectid',
  priority: 'ticket_priority',
  status: 'status',
  tags: 'tags',
  text: 'ticketreply_text',
  customFields: 'custom_fields',
};

/** Field errors of a domain ValidationError under wire names; other keys are custom field keys. */
function wireFields(fields: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, msgs] of Object.entries(fields)) (out[WIRE_FIELDS[k] ?? `custom_fields.${k}`] ??= []).push(...msgs);
  return out;
}

/** Laravel-style summary: the first message, and how many more there are. */
function summary(fields: FieldErrors, fallback: string): string {
  const all = Object.values(fields).flat();
  if (!all.length) return fallback;
  const more = all.length - 1;
  return more ? `${all[0]} (and ${more} more error${more > 1 ? 's' : ''})` : all[0];
}

export function sendError(reply: FastifyReply, status: number, message: string, errors?: FieldErrors) {
  return reply.status(status).send(errors && Object.keys(errors).length ? { message, errors } : { message });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & { validationContext?: string }, req: FastifyRequest, reply: FastifyReply) => {
    const c = classifyError(err);
    logError(req, err, c);
    // Ids in the path are digit strings; anything else names no ticket.
    if (err.validationContext === 'params') return sendError(reply, 404, 'Not found');
    if (err instanceof NotFoundError) return sendError(reply, 404, err.entity === 'message' ? 'Reply not found' : c.message);
    if (c.kind === 'validation') {
      const fields = err instanceof ValidationError ? wireFields(c.fields) : c.fields;
      return sendError(reply, 422, summary(fields, c.message), fields);
    }
    if (c.status === 401) return sendError(reply, 401, 'Unauthenticated.');
    return sendError(reply, c.status, c.message);
  });
  app.setNotFoundHandler((req, reply) => sendError(reply, 404, `The route ${req.url.split('?')[0]} could not be found.`));
}
