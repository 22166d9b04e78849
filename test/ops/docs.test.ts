// Docs and the root index over HTTP: one page and one document per API, each document with
// its vendor's security schemes; GET / says where everything is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startApp({ DIALECT_CRM_PREFIX: '/helpdesk' });
});
afterAll(() => t.close());

const names = ['admin', 'suptask', 'supportbee', 'crm', 'taskip', 'sympoq'];

describe('GET /', () => {
  it('answers a JSON index: name, version, docs, dialect prefixes and health', async () => {
    const res = await t.app.inject('/');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ name: 'polydesk', docs: '/docs', admin: '/admin/v1', health: { live: '/healthz', ready: '/readyz' } });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.dialects.crm).toEqual({ prefix: '/helpdesk', docs: '/docs/crm' });
    expect(Object.keys(body.dialects).sort()).toEqual(['crm', 'supportbee', 'suptask', 'sympoq', 'taskip']);
  });
});

describe('/docs', () => {
  it('links one page per API from the index', async () => {
    const res = await t.app.inject('/docs');
    expect(res.statusCode).toBe(200);
    for (const n of names) {
      expect(res.body).toContain(`href="/docs/${n}"`);
      expect(res.body).toContain(`href="/docs/${n}/openapi.json"`);
    }
  });

  it("serves each API's own document, with its vendor's security schemes and its configured prefix", async () => {
    const expected: Record<string, string[]> = {
      admin: ['bearerAuth'],
      suptask: ['apiTokenAuth', 'bearerAuth'],
      supportbee: ['bearerAuth', 'authToken'],
      crm: ['bearerAuth'],
      taskip: ['secretKey'],
      sympoq: ['apikey'],
    };
    for (const n of names) {
      const page = await t.app.inject(`/docs/${n}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`data-url="/docs/${n}/openapi.json"`);
      const doc = (await t.app.inject(`/docs/${n}/openapi.json`)).json();
      expect(Object.keys(doc.components.securitySchemes)).toEqual(expected[n]);
      expect(doc.security).toEqual(expected[n].map((s) => ({ [s]: [] })));
      expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
    }
    expect((await t.app.inject('/docs/crm/openapi.json')).json().servers).toEqual([{ url: '/helpdesk' }]);
  });

  it('does not ask for the credential twice: parameters carrying it are left to the Authorize box', async () => {
    for (const [name, param] of [['sympoq', 'header:apikey'], ['supportbee', 'query:auth_token']]) {
      const doc = (await t.app.inject(`/docs/${name}/openapi.json`)).json();
      const params = Object.values(doc.paths).flatMap((item: any) => Object.values(item).flatMap((op: any) => op.parameters ?? []));
      expect(params.length).toBeGreaterThan(0);
      expect(params.filter((p: any) => `${p.in}:${p.name.toLowerCase()}` === param)).toEqual([]);
    }
  });

  it('serves the Swagger UI assets and 404s for unknown documents and files', async () => {
    const js = await t.app.inject('/docs/assets/swagger-ui-bundle.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.body.length).toBeGreaterThan(100_000);
    expect((await t.app.inject('/docs/assets/init.js')).body).toContain('SwaggerUIBundle');
    expect((await t.app.inject('/docs/nope')).statusCode).toBe(404);
    expect((await t.app.inject('/docs/nope/openapi.json')).statusCode).toBe(404);
    expect((await t.app.inject('/docs/assets/package.json')).statusCode).toBe(404);
    expect((await t.app.inject('/docs/assets/..%2Fpackage.json')).statusCode).toBe(404);
  });
});

describe('DOCS=false', () => {
  it('serves no docs and says so in the index', async () => {
    const off = await startApp({ DOCS: 'false' });
    try {
      expect((await off.app.inject('/docs')).statusCode).toBe(404);
      expect((await off.app.inject('/docs/admin/openapi.json')).statusCode).toBe(404);
      expect((await off.app.inject('/')).json()).toMatchObject({ docs: null, dialects: { taskip: { prefix: '/taskip', docs: null } } });
    } finally {
      await off.close();
    }
  }, 120_000);
});
