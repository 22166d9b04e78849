// Fixtures for the Suptask tests: a workspace with a form (two Slack channels, three custom
// fields) and a client that calls the dialect the way a Suptask client does.
import type { InjectOptions } from 'fastify';
import type { TestApp, WorkspaceFixture } from '../helpers/app.js';

export interface SuptaskFixture extends WorkspaceFixture {
  formId: string;
  queueId: number;
  channels: [string, string];
  fields: { browser: string; platforms: string; notes: string };
}

export async function suptaskWorkspace(t: TestApp, slug: string): Promise<SuptaskFixture> {
  const ws = await t.workspace(slug);
  const tag = slug.replace(/[^a-z0-9]/gi, '').toUpperCase().slice(0, 8);
  const field = async (body: object) => {
    const r = await t.admin('POST', '/custom-fields', body, slug);
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    return r.body.customField.id as string;
  };
  const browser = await field({ name: 'Browser', type: 'select', options: ['Chrome', 'Firefox'], required: true });
  const platforms = await field({ name: 'Platforms', type: 'multiselect', options: ['Mac', 'Windows', 'Linux'] });
  const notes = await field({ name: 'Notes', type: 'text' });
  const queue = await t.admin('POST', '/queues', { name: 'Support' }, slug);
  const channels: [string, string] = [`C1${tag}`, `C2${tag}`];
  const form = await t.admin(
    'POST',
    '/forms',
    {
      name: 'IT request',
      queueId: queue.body.queue.id,
      channels,
      fields: [
        { fieldId: browser, required: true, position: 0 },
        { fieldId: platforms, position: 1 },
        { fieldId: notes, position: 2 },
      ],
    },
    slug,
  );
  if (form.status !== 201) throw new Error(JSON.stringify(form.body));
  return { ...ws, formId: form.body.form.id, queueId: queue.body.queue.id, channels, fields: { browser, platforms, notes } };
}

export type Auth = { token: string } | { jwt: string } | { header: string } | null;

export function client(t: TestApp, prefix = '/suptask') {
  return (method: InjectOptions['method'], url: string, auth: Auth, payload?: unknown) => {
    const authorization = auth === null ? undefined : 'token' in auth ? `Api-Token ${auth.token}` : 'jwt' in auth ? `Bearer ${auth.jwt}` : auth.header;
    return t.app.inject({
      method,
      url: prefix + url,
      headers: authorization ? { authorization } : {},
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  };
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Creates a minimal valid ticket through the API as the fixture's admin: its uuid and number. */
export async function createFormTicket(t: TestApp, f: SuptaskFixture, description: string): Promise<{ uuid: string; number: number }> {
  const res = await client(t)('POST', '/ticket', { token: f.admin.token }, {
    description,
    formId: f.formId,
    requesterChannel: f.channels[0],
    customFields: [{ fieldId: f.fields.browser, value: 'Chrome' }],
  });
  if (res.statusCode !== 201) throw new Error(`create ticket: ${res.statusCode} ${res.body}`);
  const uuid: string = res.json().ticketId;
  return { uuid, number: (await t.db.ticket.findUniqueOrThrow({ where: { uuid } })).number };
}
