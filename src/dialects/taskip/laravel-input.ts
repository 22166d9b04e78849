// Laravel's global input middleware, as a TaskIP client's server applies it to every body
// (JSON or form): strings are trimmed and an empty string is null (TrimStrings,
// ConvertEmptyStringsToNull). Form bodies also get PHP's bracket keys nested.
import type { FastifyInstance } from 'fastify';
import { nestFormBodies } from '../../http/form-keys.js';

function normalize(v: unknown): unknown {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? null : t;
  }
  if (Array.isArray(v)) return v.map(normalize);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
  return v;
}

export function laravelInput(app: FastifyInstance): void {
  nestFormBodies(app);
  app.addHook('preValidation', async (req) => {
    if (req.body && typeof req.body === 'object') req.body = normalize(req.body);
  });
}
