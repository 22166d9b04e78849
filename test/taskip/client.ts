// A TaskIP client over app.inject: the vendor's paths under the dialect prefix, X-Secret-Key auth.
import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from '../helpers/app.js';

export const BASE = '/taskip/api/public-v1';

export function taskip(t: TestApp, key: string | null) {
  return async (method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({
      method,
      url: BASE + url,
      headers: { ...(key ? { 'x-secret-key': key } : {}), ...headers },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    let body: any;
    try {
      body = res.json();
    } catch {
      body = res.rawPayload;
    }
    return { status: res.statusCode, body, headers: res.headers, raw: res.rawPayload };
  };
}
export type Taskip = ReturnType<typeof taskip>;

/** The error object the vendor documents, with this status and errors on these fields. */
export function expectError(res: { status: number; body: any }, status: number, fields: string[] = []) {
  expect({ status: res.status, body: res.body }).toMatchObject({
    status,
    body: { success: false, error: expect.any(String), message: expect.any(String), errors: expect.any(Object), status_code: status },
  });
  for (const f of fields) expect(res.body.errors, `errors.${f}`).toHaveProperty([f]);
}
