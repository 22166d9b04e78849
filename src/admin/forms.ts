// Forms (Suptask): a queue, the Slack channels it is posted from, and its custom fields.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import type { Ctx } from '../domain/context.js';
import { RowId, UuidId, WorkspaceQuery, adminCtx } from './scope.js';

const Channel = z.string().regex(/^[A-Z0-9]{2,32}$/, 'a Slack channel id such as C012ABCDEF');
const FormField = z.object({ fieldId: z.string().uuid(), required: z.boolean().default(false), position: z.number().int().min(0).max(100000).default(0) }).strict();
const Create = z
  .object({ name: z.string().min(1).max(200), queueId: RowId.nullable().optional(), channels: z.array(Channel).default([]), fields: z.array(FormField).default([]) })
  .strict();
const Update = z.object({ name: z.string().min(1).max(200).optional(), queueId: RowId.nullable().optional() }).strict();
const ChannelParams = z.object({ id: z.string().uuid(), channelId: z.string() });
const FieldParams = z.object({ id: z.string().uuid(), fieldId: z.string().uuid() });
const include = { channels: { orderBy: { id: 'asc' } }, fields: { include: { field: true }, orderBy: { position: 'asc' } } } as const;

export const formRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];
  async function form(ctx: Ctx, id: string) {
    const f = await app.db.form.findFirst({ where: { id, workspaceId: ctx.workspaceId }, include });
    if (!f) throw new NotFoundError('form', id);
    return f;
  }
  async function checkRefs(ctx: Ctx, queueId?: number | null, fieldIds: string[] = []) {
    if (queueId != null && !(await app.db.queue.findFirst({ where: { id: queueId, workspaceId: ctx.workspaceId }, select: { id: true } }))) {
      throw ValidationError.field('queueId', 'queue does not exist in this workspace');
    }
    if (fieldIds.length && (await app.db.customField.count({ where: { workspaceId: ctx.workspaceId, id: { in: fieldIds } } })) !== new Set(fieldIds).size) {
      throw ValidationError.field('fields', 'every field must be a custom field of this workspace');
    }
  }

  app.get('/forms', { schema: { tags, querystring: WorkspaceQuery } }, async (req) => {
    const { workspaceId } = await adminCtx(req);
    return { forms: await app.db.form.findMany({ where: { workspaceId }, include, orderBy: { createdAt: 'asc' } }) };
  });
  app.post('/forms', { config: { idempotent: true }, schema: { tags, querystring: WorkspaceQuery, body: Create } }, async (req, reply) => {
    const ctx = await adminCtx(req);
    const b = req.body;
    await checkRefs(ctx, b.queueId, b.fields.map((f) => f.fieldId));
    const created = await app.db.form.create({
      data: {
        workspaceId: ctx.workspaceId,
        name: b.name,
        queueId: b.queueId ?? null,
        channels: { create: [...new Set(b.channels)].map((channelId) => ({ channelId })) },
        fields: { create: b.fields.map((f) => ({ fieldId: f.fieldId, required: f.required, position: f.position })) },
      },
      include,
    });
    return reply.status(201).send({ form: created });
  });
  app.get('/forms/:id', { schema: { tags, params: UuidId, querystring: WorkspaceQuery } }, async (req) => ({ form: await form(await adminCtx(req), req.params.id) }));
  app.patch('/forms/:id', { schema: { tags, params: UuidId, querystring: WorkspaceQuery, body: Update } }, async (req) => {
    const ctx = await adminCtx(req);
    await form(ctx, req.params.id);
    await checkRefs(ctx, req.body.queueId);
    return { form: await app.db.form.update({ where: { id: req.params.id }, data: req.body, include }) };
  });
  app.delete('/forms/:id', { schema: { tags, params: UuidId, querystring: WorkspaceQuery } }, async (req, reply) => {
    await form(await adminCtx(req), req.params.id);
    await app.db.form.delete({ where: { id: req.params.id } });
    return reply.status(204).send();
  });
  app.post('/forms/:id/channels', { config: { idempotent: true }, schema: { tags, params: UuidId, querystring: WorkspaceQuery, body: z.object({ channelId: Channel }).strict() } }, async (req, reply) => {
    const ctx = await adminCtx(req);
    await form(ctx, req.params.id);
    await app.db.formChannel.createMany({ data: [{ formId: req.params.id, channelId: req.body.channelId }], skipDuplicates: true });
    return reply.status(201).send({ form: await form(ctx, req.params.id) });
  });
  app.delete('/forms/:id/channels/:channelId', { schema: { tags, params: ChannelParams, querystring: WorkspaceQuery } }, async (req, reply) => {
    await form(await adminCtx(req), req.params.id);
    const { count } = await app.db.formChannel.deleteMany({ where: { formId: req.params.id, channelId: req.params.channelId } });
    if (!count) throw new NotFoundError('channel', req.params.channelId);
    return reply.status(204).send();
  });
  app.post('/forms/:id/fields', { config: { idempotent: true }, schema: { tags, params: UuidId, querystring: WorkspaceQuery, body: FormField } }, async (req, reply) => {
    const ctx = await adminCtx(req);
    await form(ctx, req.params.id);
    await checkRefs(ctx, undefined, [req.body.fieldId]);
    const { fieldId, required, position } = req.body;
    await app.db.formField.upsert({ where: { formId_fieldId: { formId: req.params.id, fieldId } }, create: { formId: req.params.id, fieldId, required, position }, update: { required, position } });
    return reply.status(201).send({ form: await form(ctx, req.params.id) });
  });
  app.delete('/forms/:id/fields/:fieldId', { schema: { tags, params: FieldParams, querystring: WorkspaceQuery } }, async (req, reply) => {
    await form(await adminCtx(req), req.params.id);
    const { count } = await app.db.formField.deleteMany({ where: { formId: req.params.id, fieldId: req.params.fieldId } });
    if (!count) throw new NotFoundError('form field', req.params.fieldId);
    return reply.status(204).send();
  });
};
