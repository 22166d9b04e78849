// polydesk seed --demo [--workspace S]: a small, realistic data set for trying the dialects
// by hand. Idempotent per workspace.
import { createApiToken } from '../../auth/tokens.js';
import { addMessage } from '../../domain/messages.js';
import { createTicket } from '../../domain/tickets/create.js';
import { createWorkspace } from '../../domain/workspaces.js';
import { defineCommand, UsageError } from '../command.js';

export default defineCommand({
  summary: 'seed a demo workspace with tickets and an agent token',
  usage: '--demo [--workspace S]',
  help: ['--demo          the demo data set (required)', "--workspace S   workspace to seed (default: demo)"],
  options: { demo: { type: 'boolean' }, workspace: { type: 'string' } },
  async run({ db, values, out }) {
    if (!values.demo) throw new UsageError('--demo is required (the only data set there is)');
    const slug = values.workspace ?? 'demo';
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
  },
});
