// A CRM API client for the tests: requests as a vendor client sends them (form-encoded like
// curl -d, or JSON), plus the fixtures a CRM back office has (clients, departments, projects).
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp, WorkspaceFixture } from '../helpers/app.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type FormValue = string | number | (string | number)[];

/** `a=1&tags[]=x&tags[]=y`: repeated keys for arrays, exactly like curl -d. */
export function formEncode(fields: Record<string, FormValue>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) p.append(k, String(item));
  return p.toString();
}

export interface CrmClient {
  form(method: Method, path: string, fields?: Record<string, FormValue>): Promise<LightMyRequestResponse>;
  json(method: Method, path: string, body?: unknown): Promise<LightMyRequestResponse>;
  get(path: string, query?: Record<string, FormValue>): Promise<LightMyRequestResponse>;
  /** Creates a ticket (form-encoded) and returns its wire object; fails the test on a non-201. */
  ticket(fields: Record<string, FormValue>): Promise<any>;
}

export function crm(t: TestApp, token: string): CrmClient {
  const authorization = `Bearer ${token}`;
  const url = (path: string) => `/crm${path}`;
  const client: CrmClient = {
    form: (method, path, fields) =>
      t.app.inject({
        method,
        url: url(path),
        headers: { authorization, ...(fields ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(fields ? { payload: formEncode(fields) } : {}),
      }),
    json: (method, path, body) =>
      t.app.inject({ method, url: url(path), headers: { authorization, 'content-type': 'application/json' }, payload: JSON.stringify(body ?? {}) }),
    get: (path, query) => t.app.inject({ method: 'GET', url: url(path) + (query ? `?${formEncode(query)}` : ''), headers: { authorization } }),
    async ticket(fields) {
      const res = await client.form('POST', '/api/tickets', fields);
      if (res.statusCode !== 201) throw new Error(`create ticket: ${res.statusCode} ${res.body}`);
      return res.json().data;
    },
  };
  return client;
}

export interface CrmFixture {
  ws: WorkspaceFixture;
  api: CrmClient;
  clientId: number;
  otherClientId: number;
  departmentId: number;
  otherDepartmentId: number;
  projectDepartmentId: number;
  projectId: number;
  otherProjectId: number;
}

/** A workspace with two clients, two ticket departments, a project department and a project per client. */
export async function crmFixture(t: TestApp, slug: string): Promise<CrmFixture> {
  const ws = await t.workspace(slug);
  const mk = async (path: string, body: object) => {
    const res = await t.admin('POST', path, body, slug);
    if (res.status !== 201) throw new Error(`${path}: ${JSON.stringify(res.body)}`);
    return Object.values(res.body as Record<string, { id: number }>)[0].id;
  };
  const clientId = await mk('/organizations', { name: 'Acme Inc' });
  const otherClientId = await mk('/organizations', { name: 'Globex' });
  return {
    ws,
    api: crm(t, ws.agent.token),
    clientId,
    otherClientId,
    departmentId: await mk('/queues', { name: 'Sales', kind: 'ticket' }),
    otherDepartmentId: await mk('/queues', { name: 'Support', kind: 'ticket' }),
    projectDepartmentId: await mk('/queues', { name: 'Web design', kind: 'project' }),
    projectId: await mk('/projects', { name: 'Website', organizationId: clientId }),
    otherProjectId: await mk('/projects', { name: 'Intranet', organizationId: otherClientId }),
  };
}

/** The minimal valid create body for a fixture. */
export const newTicket = (f: CrmFixture, extra: Record<string, FormValue> = {}): Record<string, FormValue> => ({
  ticket_clientid: f.clientId,
  ticket_categoryid: f.departmentId,
  ticket_subject: 'Cannot log in',
  ticket_message: 'I get an error on the login page.',
  ticket_priority: 'high',
  ...extra,
});
