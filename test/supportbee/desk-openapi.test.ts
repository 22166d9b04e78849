// openapi/supportbee.json documents every desk operation (users, teams, snippets, emails,
// filters, reports), each tagged and summarized with the error envelope.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const DESK_OPERATIONS = [
  'GET /users',
  'POST /users',
  'GET /users/{id}',
  'PUT /users/{id}',
  'GET /users/{id}/members',
  'POST /users/{id}/members',
  'GET /teams',
  'GET /snippets',
  'POST /snippets',
  'PUT /snippets/{id}',
  'DELETE /snippets/{id}',
  'GET /emails',
  'POST /emails',
  'POST /rules',
  'POST /consequences',
  'POST /filters',
  'GET /reports/avg_first_response_time',
  'GET /reports/tickets_count',
  'GET /reports/replies_count',
];

type Op = { summary?: string; tags?: string[]; responses?: Record<string, unknown> };

describe('openapi/supportbee.json (desk)', () => {
  it('documents every desk operation with tags, summary and the error responses', async () => {
    const doc = JSON.parse(await readFile(new URL('../../openapi/supportbee.json', import.meta.url), 'utf8')) as { paths: Record<string, Record<string, Op>> };
    for (const op of DESK_OPERATIONS) {
      const [method, path] = op.split(' ');
      const o = doc.paths[path]?.[method.toLowerCase()];
      expect(o, op).toBeDefined();
      expect(o!.tags).toEqual(['supportbee']);
      expect(o!.summary).toBeTruthy();
      expect(Object.keys(o!.responses ?? {})).toEqual(expect.arrayContaining(['400', '403', '404']));
    }
  });
});
