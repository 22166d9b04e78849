// SupportBee snippets over HTTP: list, create, partial update, delete, errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { client, supportBeeApp, type Client } from './client.js';

let t: TestApp;
let agent: Client;
let otherAgent: Client;
beforeAll(async () => {
  ({ t, agent } = await supportBeeApp());
  otherAgent = client(t, (await t.workspace('other')).agent.token);
});
afterAll(() => t.close());

const seed = { snippet: { name: 'Facebook Link', tags: 'facebook, link', content: { text: 'Facebook', html: '' } } };

describe('snippets', () => {
  let id: number;

  it('POST /snippets creates one in the seed’s shape', async () => {
    const res = await agent('POST', '/snippets', seed);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ snippet: { id: expect.any(Number), created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/), name: 'Facebook Link', tags: 'facebook, link', content: { text: 'Facebook', html: '' } } });
    id = res.body.snippet.id;
  });

  it('GET /snippets lists the company’s snippets only', async () => {
    await agent('POST', '/snippets', { snippet: { name: 'Greeting', content: { text: 'Hi', html: '<p>Hi <script>x()</script></p>' } } });
    const res = await agent('GET', '/snippets');
    expect(res.status).toBe(200);
    expect(res.body.snippets.map((s: { name: string }) => s.name)).toEqual(['Facebook Link', 'Greeting']);
    expect(res.body.snippets[1]).toMatchObject({ tags: '', content: { text: 'Hi', html: '<p>Hi </p>' } });
    expect((await otherAgent('GET', '/snippets')).body.snippets).toEqual([]);
  });

  it('PUT /snippets/{id} changes only the fields sent', async () => {
    const res = await agent('PUT', `/snippets/${id}`, { snippet: { tags: 'social', content: { html: '<b>Facebook</b>' } } });
    expect(res.status).toBe(200);
    expect(res.body.snippet).toMatchObject({ id, name: 'Facebook Link', tags: 'social', content: { text: 'Facebook', html: '<b>Facebook</b>' } });
    expect((await agent('PUT', `/snippets/${id}`, { snippet: { name: 'FB' } })).body.snippet).toMatchObject({ name: 'FB', tags: 'social' });
  });

  it('validation and missing snippets', async () => {
    expect((await agent('POST', '/snippets', { snippet: { tags: 'x' } })).status).toBe(400);
    expect((await agent('POST', '/snippets', { snippet: { name: '  ' } })).status).toBe(400);
    expect((await agent('POST', '/snippets', {})).status).toBe(400);
    expect((await agent('PUT', `/snippets/${id}`, { snippet: { name: '' } })).status).toBe(400);
    expect((await agent('PUT', '/snippets/999999', { snippet: { name: 'x' } })).status).toBe(404);
    // Another company's snippet is invisible.
    const res = await otherAgent('PUT', `/snippets/${id}`, { snippet: { name: 'stolen' } });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/not found/);
    expect((await otherAgent('DELETE', `/snippets/${id}`)).status).toBe(404);
  });

  it('DELETE /snippets/{id} removes it (204), then 404', async () => {
    const res = await agent('DELETE', `/snippets/${id}`);
    expect(res.status).toBe(204);
    expect(res.body).toBe('');
    expect((await agent('DELETE', `/snippets/${id}`)).status).toBe(404);
    expect((await agent('GET', '/snippets')).body.snippets.map((s: { name: string }) => s.name)).toEqual(['Greeting']);
  });
});
