// Every Suptask error is `{message}` with the status the seed documents.
import type { FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { classifyError, logError } from '../../http/errors.js';

/** One readable line for a schema error: "description is required", "url: Invalid URL". */
function schemaMessage(err: { validation: { instancePath: string; message?: string }[]; validationContext?: string }, fallback: string): string {
  const [first] = err.validation;
  if (!first?.message) return fallback;
  const path = first.instancePath.replace(/^\//, '').replace(/\//g, '.');
  // Path parameters carry their own message ("Invalid ticket number (must be numeric)").
  if (!path && err.validationContext === 'body' && /received (undefined|null)$/.test(first.message)) return 'Request body is required';
  if (!path || err.validationContext === 'params') return first.message;
  if (/received undefined$/.test(first.message)) return `${path} is required`;
  return `${path}: ${first.message}`;
}

export function suptaskErrors(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const c = classifyError(err);
    logError(req, err, c);
    const message = hasZodFastifySchemaValidationErrors(err) ? schemaMessage(err, c.message) : c.message;
    return reply.status(c.status).send({ message });
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ message: `Route ${req.method} ${req.url.split('?')[0]} not found` }));
}
