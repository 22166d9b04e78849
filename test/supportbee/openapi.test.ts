// openapi/supportbee.json describes every SupportBee operation (test/openapi.test.ts keeps it in step with the routes).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const OPERATIONS = [
  'GET /tickets',
  'POST /tickets',
  'GET /tickets/search',
  'GET /tickets/{id}',
  'DELETE /tickets/{id}',
  ...['archive', 'answered', 'spam', 'trash'].flatMap((a) => [`POST /tickets/{id}/${a}`, `DELETE /tickets/{id}/${a}`]),
  'POST /tickets/{id}/user_assignment',
  'DELETE /tickets/{id}/user_assignment',
  'POST /tickets/{id}/team_assignment',
  'DELETE /tickets/{id}/team_assignment',
  'GET /tickets/{id}/replies',
  'POST /tickets/{id}/replies',
  'GET /tickets/{ticket_id}/replies/{id}',
  'GET /tickets/{id}/comments',
  'POST /tickets/{id}/comments',
  'GET /labels',
  'POST /tickets/{ticket_id}/labels/{label_name}',
  'DELETE /tickets/{ticket_id}/labels/{label_name}',
  'GET /tickets/{id}/audit',
  'GET /tickets/{id}/draft',
  'POST /tickets/{id}/draft',
  'PUT /tickets/{id}/draft',
  'DELETE /tickets/{id}/draft',
  'POST /attachments',
  'GET /attachments/{id}/download',
];

type Op = { summary?: string; tags?: string[]; responses?: Record<string, unknown> };

describe('openapi/supportbee.json', () => {
  it('covers every operation, each tagged and summarized with the error envelope documented', async () => {
    const doc = JSON.parse(await readFile(new URL('../../openapi/supportbee.json', import.meta.url), 'utf8')) as { servers: { url: string }[]; paths: Record<string, Record<string, Op>> };
    expect(doc.servers[0].url).toBe('/supportbee');
    const found = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    // The tickets part of the dialect; the desk part (users, teams, snippets, ...) adds more.
    expect(found).toEqual(expect.arrayContaining(OPERATIONS));
    for (const op of found) {
      const [method, path] = op.split(' ');
      const o = doc.paths[path][method.toLowerCase()];
      expect(o.tags, op).toEqual(['supportbee']);
      expect(o.summary, op).toBeTruthy();
    }
    for (const op of OPERATIONS) {
      const [method, path] = op.split(' ');
      expect(Object.keys(doc.paths[path][method.toLowerCase()].responses ?? {}), op).toEqual(expect.arrayContaining(['400', '403', '404']));
    }
  });
});
