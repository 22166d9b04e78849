// CORS over HTTP: off by default; with CORS_ORIGINS, preflights are answered before any
// dialect's authentication, and only listed origins get CORS headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';

const preflight = (origin: string, url: string, headers = 'content-type') => ({
  method: 'OPTIONS' as const,
  url,
  headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
});

describe('CORS_ORIGINS set', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ CORS_ORIGINS: 'https://forms.example.test, http://localhost:8080' });
  });
  afterAll(() => t.close());

  it('answers preflights from a listed origin before authentication, on every dialect', async () => {
    for (const url of ['/supportbee/tickets', '/taskip/api/public-v1/support-ticket', '/sympoq/app/desk/api/ticket', '/crm/api/tickets', '/suptask/ticket', '/admin/v1/users']) {
      const res = await t.app.inject(preflight('https://forms.example.test', url, 'content-type, authorization, x-secret-key, apikey'));
      expect(res.statusCode, url).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('https://forms.example.test');
      expect(String(res.headers['access-control-allow-methods'])).toContain('POST');
      expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('x-secret-key');
    }
  });

  it('gives an unlisted origin no CORS headers (the browser blocks it)', async () => {
    const res = await t.app.inject(preflight('https://evil.example.test', '/supportbee/tickets'));
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const get = await t.app.inject({ url: '/supportbee/tickets', headers: { origin: 'https://evil.example.test' } });
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('adds CORS headers to actual responses, errors included, and exposes the request id', async () => {
    const res = await t.app.inject({ url: '/supportbee/tickets', headers: { origin: 'http://localhost:8080' } });
    expect(res.statusCode).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:8080');
    expect(String(res.headers['access-control-expose-headers'])).toContain('x-request-id');
  });
});

describe('CORS_ORIGINS unset', () => {
  it('sends no CORS headers', async () => {
    const t = await startApp();
    try {
      const res = await t.app.inject(preflight('https://forms.example.test', '/supportbee/tickets'));
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  }, 120_000);

  it('refuses a malformed origin list at start-up', async () => {
    const { loadConfig } = await import('../../src/config.js');
    expect(() => loadConfig({ CORS_ORIGINS: 'forms.example.test/path' })).toThrow(/CORS_ORIGINS/);
  });
});
