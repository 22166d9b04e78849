// A SupportBee client over app.inject: JSON bodies, Bearer or ?auth_token= auth.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { startApp, type TestApp } from '../helpers/app.js';

export interface Res {
  status: number;
  body: any;
  raw: LightMyRequestResponse;
}

export function client(t: TestApp, token?: string, opts: { via?: 'header' | 'query'; ip?: string } = {}) {
  return async (method: InjectOptions['method'], url: string, payload?: unknown, extra: Partial<InjectOptions> = {}): Promise<Res> => {
    let full = `/supportbee${url}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token && opts.via === 'query') full += `${full.includes('?') ? '&' : '?'}auth_token=${encodeURIComponent(token)}`;
    else if (token) headers.authorization = `Bearer ${token}`;
    const raw = await t.app.inject({
      method,
      url: full,
      headers: { ...headers, ...(extra.headers as Record<string, string> | undefined) },
      ...(payload !== undefined ? { payload: payload as object } : {}),
      ...(opts.ip ? { remoteAddress: opts.ip } : {}),
      ...(extra.payload !== undefined ? { payload: extra.payload } : {}),
    });
    const type = String(raw.headers['content-type'] ?? '');
    return { status: raw.statusCode, body: type.includes('json') && raw.body ? raw.json() : raw.body, raw };
  };
}

export type Client = ReturnType<typeof client>;

/** Creates a ticket as `sb` and returns its wire object. */
export async function newTicket(sb: Client, subject: string, extra: Record<string, unknown> = {}, content: Record<string, unknown> = { text: `${subject} body` }) {
  const res = await sb('POST', '/tickets', { ticket: { subject, requester_email: 'rob@customer.test', requester_name: 'Robert Requester', content, ...extra } });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The app (creation limit lifted; limits.test.ts tests it) with workspace "acme" and clients for its agent and admin. */
export async function supportBeeApp(env: Record<string, string> = { SUPPORTBEE_CREATE_PER_MINUTE: '100000' }) {
  const t = await startApp(env);
  const ws = await t.workspace('acme');
  return { t, ws, agent: client(t, ws.agent.token), admin: client(t, ws.admin.token) };
}
