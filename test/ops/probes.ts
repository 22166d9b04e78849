// One authenticated read per dialect, and the shape of that dialect's error envelope: for
// asserting that an outage answers in every dialect's own way.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

export const dialectProbes = (token: string) => [
  { dialect: 'suptask', url: '/suptask/ticket/1', headers: { authorization: `Api-Token ${token}` }, envelope: { message: expect.any(String) } },
  { dialect: 'supportbee', url: '/supportbee/tickets', headers: { authorization: `Bearer ${token}` }, envelope: { error: expect.any(String) } },
  { dialect: 'crm', url: '/crm/api/tickets', headers: { authorization: `Bearer ${token}` }, envelope: { message: expect.any(String) } },
  {
    dialect: 'taskip',
    url: '/taskip/api/public-v1/support-ticket',
    headers: { 'x-secret-key': token },
    envelope: { success: false, error: 'Service Unavailable', message: expect.any(String), errors: {}, status_code: 503 },
  },
  { dialect: 'sympoq', url: '/sympoq/app/desk/api/ticket/1', headers: { apikey: token }, envelope: { error: expect.any(String) } },
];

/** Every dialect answers 503, Retry-After, and exactly its own envelope. */
export async function expectUnavailableEverywhere(app: FastifyInstance, token: string, retryAfter = '5'): Promise<LightMyRequestResponse[]> {
  const answers: LightMyRequestResponse[] = [];
  for (const p of dialectProbes(token)) {
    const res = await app.inject({ url: p.url, headers: p.headers });
    expect({ dialect: p.dialect, status: res.statusCode, retryAfter: res.headers['retry-after'] }).toEqual({ dialect: p.dialect, status: 503, retryAfter });
    expect(res.json()).toStrictEqual(p.envelope);
    answers.push(res);
  }
  return answers;
}
