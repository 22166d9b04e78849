// The CLI's commands, over the domain and the database directly (no server needed).
import type { Db } from '../db/client.js';
import { createApiToken } from '../auth/tokens.js';
import { createWorkspace } from '../domain/workspaces.js';
import { ValidationError } from '../domain/errors.js';
import { createTicket } from '../domain/tickets/create.js';
import { addMessage } from '../domain/messages.js';
import { required, UsageError, type Parsed } from './args.js';

const ROLES = ['admin', 'agent', 'collaborator', 'customer'] as const;
type Out = (line: string) => void;

async function workspaceBySlug(db: Db, slug: string) {
  const ws = await db.workspace.findUnique({ where: { slug } });
  if (!ws) throw new UsageError(`workspace "${slug}" does not exist`);
  return ws;
}

export async function workspaceCreate(db: Db, { positionals, flags }: Parsed, out: Out) {
  const slug = positionals[2];
  if (!slug) throw new UsageError('usage: polydesk workspace create <slug> [--name N]');
  const ws = await createWorkspace(db, { slug, name: typeof flags.name === 'string' ? flags.name : undefined });
  out(`workspace ${ws.slug} created (id ${ws.id})`);
}

export async function userCreate(db: Db, { flags }: Parsed, out: Out) {
  const ws = await workspaceBySlug(db, required(flags, 'workspace'));
  const role = required(flags, 'role');
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const email = required(flags, 'email').toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UsageError('--email is not an e-mail address');
  const slackId = typeof flags['slack-id'] === 'string' ? flags['slack-id'] : null;
  const exists = await db.user.findFirst({ where: { workspaceId: ws.id, OR: [{ email }, ...(slackId ? [{ slackId }] : [])] } });
  if (exists) throw new UsageError(`a user with that e-mail or Slack id already exists in ${ws.slug}`);
  const user = await db.user.create({ data: { workspaceId: ws.id, email, name: required(flags, 'name'), role: role as (typeof ROLES)[number], slackId } });
  out(`user ${user.email} created (id ${user.id}, ${user.role})`);
}

export async function tokenCreate(db: Db, { flags }: Parsed, out: Out) {
  const ws = await workspaceBySlug(db, required(flags, 'workspace'));
  const email = required(flags, 'email').toLowerCase();
  const user = await db.user.findFirst({ where: { workspaceId: ws.id, email } });
  if (!user) throw new UsageError(`no user ${email} in ${ws.slug}`);
  const { secret } = await createApiToken(db, { workspaceId: ws.id, userId: user.id, name: typeof flags.name === 'string' ? flags.name : 'cli' });
  out(secret);
}

/** A small, realistic data set for trying the dialects by hand. Idempotent per workspace. */
export async function seedDemo(db: Db, { flags }: Parsed, out: Out) {
  if (flags.demo !== true) throw new UsageError('usage: polydesk seed --demo [--workspace S]');
  const slug = typeof flags.workspace === 'string' ? flags.workspace : 'demo';
  let ws = await db.workspace.findUnique({ where: { slug } });
  if (ws && (await db.ticket.count({ where: { workspaceId: ws.id } })) > 0) {
    out(`workspace ${slug} already has tickets; nothing seeded`);
    return;
  }
  ws ??= await createWorkspace(db, { slug, name: 'Demo Inc' });
  const agent = await db.user.upsert({
    where: { workspaceId_email: { workspaceId: ws.id, email: 'agent@demo.test' } },
    create: { workspaceId: ws.id, email: 'agent@demo.test', name: 'Ada Agent', role: 'agent', slackId: 'UDEMOAGENT' },
    update: {},
  });
  const team = await db.team.upsert({ where: { workspaceId_name: { workspaceId: ws.id, name: 'Support' } }, create: { workspaceId: ws.id, name: 'Support' }, update: {} });
  await db.teamMember.createMany({ data: [{ teamId: team.id, userId: agent.id }], skipDuplicates: true });
  const queue = await db.queue.upsert({ where: { workspaceId_name: { workspaceId: ws.id, name: 'Technical support' } }, create: { workspaceId: ws.id, name: 'Technical support' }, update: {} });
  const topic = await db.topic.upsert({ where: { workspaceId_name: { workspaceId: ws.id, name: 'Help/Assistance' } }, create: { workspaceId: ws.id, name: 'Help/Assistance' }, update: {} });
  const org = await db.organization.create({ data: { workspaceId: ws.id, name: 'Acme Inc', email: 'it@acme.test' } });
  const field = await db.customField.upsert({
    where: { workspaceId_key: { workspaceId: ws.id, key: 'browser' } },
    create: { workspaceId: ws.id, key: 'browser', name: 'Browser', type: 'select', options: ['Chrome', 'Firefox', 'Safari'] },
    update: {},
  });
  const form = await db.form.create({
    data: { workspaceId: ws.id, name: 'IT requests', queueId: queue.id, channels: { create: [{ channelId: 'CDEMO01' }] }, fields: { create: [{ fieldId: field.id }] } },
  });
  for (const name of ['bug', 'billing', 'urgent']) {
    await db.label.upsert({ where: { workspaceId_name: { workspaceId: ws.id, name } }, create: { workspaceId: ws.id, name }, update: {} });
  }
  const ctx = { db, workspaceId: ws.id, actor: { userId: agent.id, name: agent.name, role: agent.role } };
  const samples = [
    { subject: 'Cannot log in', body: 'I get an error on the login page.', email: 'houston@customer.test', labels: ['bug'] },
    { subject: 'Invoice is wrong', body: 'The invoice for March lists two seats too many.', email: 'mara@customer.test', labels: ['billing'] },
    { subject: 'Export to CSV', body: 'Could reports be exported as CSV?', email: 'li@customer.test', labels: [] },
  ];
  for (const s of samples) {
    const t = await createTicket(ctx, {
      subject: s.subject,
      descriptionText: s.body,
      requester: { email: s.email },
      queueId: queue.id,
      topicId: topic.id,
      organizationId: org.id,
      formId: form.id,
      requesterChannel: 'CDEMO01',
      labels: s.labels,
      customFields: [{ field: field.id, value: 'Chrome' }],
      customFieldScope: 'form',
    });
    await addMessage(ctx, { id: t.id }, { kind: 'reply', bodyText: 'Thanks, we are looking into it.', minutes: 5 });
  }
  const { secret } = await createApiToken(db, { workspaceId: ws.id, userId: agent.id, name: 'demo' });
  out(`seeded workspace ${slug}: 3 tickets, agent agent@demo.test`);
  out(`agent token (shown once): ${secret}`);
}

export { ValidationError };
