import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { BASE } from './client.js';

let t: TestApp;
let ws: WorkspaceFixture;
let tk: { id: number; uuid: string };

beforeAll(async () => {
  t = await startApp();
  ws = await t.workspace('acme');
  const res = await t.app.inject({ method: 'POST', url: `${BASE}/support-ticket`, headers: { 'x-secret-key': ws.admin.token }, payload: { subject: 'x', priority: 1 } });
  tk = res.json().data;
});
afterAll(() => t.close());

describe('bad input never yields a 500', () => {
  it('answers every route with odd bodies, ids and queries in the error object', async () => {
    const routes: [string, string][] = [
      ['GET', '/support-ticket?page=-1&limit=abc&assigned_to=99999999999&date_from=2024-13-01'],
      ['POST', '/support-ticket'],
      ['GET', '/support-ticket/99999999999'],
      ['PUT', '/support-ticket/-5'],
      ['DELETE', '/support-ticket/1.5'],
      ['POST', '/support-ticket/bulk-actions'],
      ['POST', `/support-ticket/reply/${tk.uuid}`],
      ['POST', `/support-ticket/${tk.uuid}/priority`],
      ['POST', `/support-ticket/status-update/${tk.uuid}`],
      ['POST', `/support-ticket/${tk.uuid}/note-store`],
      ['DELETE', `/support-ticket/${tk.uuid}/note-delete/99999999999`],
      ['DELETE', `/support-ticket/not-a-uuid/note-delete/abc`],
      ['POST', `/ticket/${tk.id}/assign`],
      ['POST', `/ticket/${tk.id}/status-update`],
      ['POST', `/ticket/${tk.id}/add-reply`],
      ['POST', `/ticket/${tk.id}/attachments`],
      ['GET', `/ticket/${tk.id}/attachments/99999999999/download`],
      ['GET', '/ticket/analytics?start_date=2024-00-10'],
    ];
    const bodies: unknown[] = [undefined, [], 'text', { subject: null, priority: 'three', ticket_ids: ['a'], status: 9.5, assigned_to: 2 ** 40, description: 5, message: [], attachment: -1, parameters: 'x' }];
    for (const [method, url] of routes) {
      for (const payload of method === 'GET' || method === 'DELETE' ? [undefined] : bodies) {
        const res = await t.app.inject({ method: method as 'GET', url: BASE + url, headers: { 'x-secret-key': ws.admin.token }, ...(payload !== undefined ? { payload: JSON.stringify(payload), headers: { 'x-secret-key': ws.admin.token, 'content-type': 'application/json' } } : {}) });
        expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)}: ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)}: ${res.body}`).toBeLessThan(500);
        expect(res.json()).toMatchObject({ success: false, status_code: res.statusCode });
      }
    }
  });
});
