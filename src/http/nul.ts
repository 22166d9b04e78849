// PostgreSQL text cannot hold NUL characters: refuse them as invalid input (400) before
// they reach a query, wherever the client put them (path, query string, JSON body).
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../domain/errors.js';

function hasNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (depth > 32 || v === null || typeof v !== 'object') return false;
  return Object.entries(v).some(([k, x]) => k.includes('\u0000') || hasNul(x, depth + 1));
}

export function rejectNul(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    if (/%00/.test(req.url) || hasNul(req.body)) throw ValidationError.field('request', 'NUL characters are not allowed');
  });
}
