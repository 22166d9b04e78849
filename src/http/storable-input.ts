// Input PostgreSQL cannot store is invalid input (400 in the dialect's envelope), refused
// before it reaches a query wherever the client put it (path, query string, JSON body):
// NUL characters (text columns), lone UTF-16 surrogates (json columns), and structures
// nested deeper than any API here accepts (they also overflow serialisers).
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../domain/errors.js';
import { LONE_SURROGATE } from '../domain/text.js';

const MAX_DEPTH = 32;

type Problem = 'nul' | 'surrogate' | 'depth' | null;

function stringProblem(s: string): Problem {
  if (s.includes('\u0000')) return 'nul';
  return LONE_SURROGATE.test(s) ? 'surrogate' : null;
}

function inspect(v: unknown, depth = 0): Problem {
  if (typeof v === 'string') return stringProblem(v);
  if (v === null || typeof v !== 'object') return null;
  if (depth >= MAX_DEPTH) return 'depth';
  for (const [k, x] of Object.entries(v)) {
    const p = stringProblem(k) ?? inspect(x, depth + 1);
    if (p) return p;
  }
  return null;
}

const MESSAGES: Record<Exclude<Problem, null>, string> = {
  nul: 'NUL characters are not allowed',
  surrogate: 'text must be valid Unicode (unpaired surrogate)',
  depth: `request is nested more than ${MAX_DEPTH} levels deep`,
};

export function rejectUnstorableInput(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const problem = /%00/.test(req.url) ? 'nul' : (inspect(req.query) ?? inspect(req.params) ?? inspect(req.body));
    if (problem) throw ValidationError.field('request', MESSAGES[problem]);
  });
}
