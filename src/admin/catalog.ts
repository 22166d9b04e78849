// Simple workspace catalogs that share one CRUD shape: queues, topics, organizations,
// projects, labels and custom fields.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import type { Ctx } from '../domain/context.js';
import { PathId, RowId, WorkspaceQuery, adminCtx } from './scope.js';

type Row = { id: number | string };
/** The part of a Prisma delegate the catalog uses; every catalog model has it. */
interface Delegate {
  findMany(args: object): Promise<Row[]>;
  findFirst(args: object): Promise<Row | null>;
  create(args: object): Promise<Row>;
  update(args: object): Promise<Row>;
  delete(args: object): Promise<Row>;
}

interface CatalogSpec {
  path: string;
  /** Response key for one item; the list key is `${key}s`. */
  key: string;
  model: 'queue' | 'topic' | 'organization' | 'project' | 'label' | 'customField';
  id: 'int' | 'uuid';
  create: z.ZodObject;
  update: z.ZodObject;
  /** Checks references in the body before a write. */
  check?(ctx: Ctx, body: Record<string, unknown>): Promise<void>;
  prepare?(body: Record<string, unknown>): Record<string, unknown>;
}

const name = z.string().min(1).max(200);
const FieldType = z.enum(['text', 'number', 'date', 'select', 'multiselect', 'checkbox']);
const fieldKey = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 60) || 'field';

const specs: CatalogSpec[] = [
  {
    path: '/queues',
    key: 'queue',
    model: 'queue',
    id: 'int',
    create: z.object({ name, kind: z.enum(['ticket', 'project', 'lead', 'other']).default('ticket') }).strict(),
    update: z.object({ name: name.optional(), kind: z.enum(['ticket', 'project', 'lead', 'other']).optional() }).strict(),
  },
  { path: '/topics', key: 'topic', model: 'topic', id: 'int', create: z.object({ name }).strict(), update: z.object({ name: name.optional() }).strict() },
  {
    path: '/organizations',
    key: 'organization',
    model: 'organization',
    id: 'int',
    create: z.object({ name, email: z.string().email().optional() }).strict(),
    update: z.object({ name: name.optional(), email: z.string().email().nullable().optional() }).strict(),
  },
  {
    path: '/projects',
    key: 'project',
    model: 'project',
    id: 'int',
    create: z.object({ name, organizationId: RowId }).strict(),
    update: z.object({ name: name.optional(), organizationId: RowId.optional() }).strict(),
    async check(ctx, body) {
      if (body.organizationId === undefined) return;
      const org = await ctx.db.organization.findFirst({ where: { id: body.organizationId as number, workspaceId: ctx.workspaceId }, select: { id: true } });
      if (!org) throw ValidationError.field('organizationId', 'organization does not exist in this workspace');
    },
  },
  {
    path: '/labels',
    key: 'label',
    model: 'label',
    id: 'int',
    create: z.object({ name: z.string().min(1).max(100), color: z.string().regex(/^#[0-9a-fA-F]{6}$/).default('#ffffff') }).strict(),
    update: z.object({ name: z.string().min(1).max(100).optional(), color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional() }).strict(),
  },
  {
    path: '/custom-fields',
    key: 'customField',
    model: 'customField',
    id: 'uuid',
    create: z
      .object({
        name,
        key: z.string().regex(/^[a-z0-9_]{1,60}$/).optional(),
        type: FieldType.default('text'),
        options: z.array(z.string().min(1)).default([]),
        required: z.boolean().default(false),
        enabled: z.boolean().default(true),
      })
      .strict(),
    update: z
      .object({ name: name.optional(), type: FieldType.optional(), options: z.array(z.string().min(1)).optional(), required: z.boolean().optional(), enabled: z.boolean().optional() })
      .strict(),
    prepare: (b) => ({ ...b, key: b.key ?? fieldKey(String(b.name ?? '')) }),
  },
];

export const catalogRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];
  for (const spec of specs) {
    const delegate = app.db[spec.model] as unknown as Delegate;
    const Params = z.object({ id: spec.id === 'int' ? PathId : z.string().uuid() });
    const find = async (req: FastifyRequest, id: number | string) => {
      const ctx = await adminCtx(req);
      const row = await delegate.findFirst({ where: { id, workspaceId: ctx.workspaceId } });
      if (!row) throw new NotFoundError(spec.key, id);
      return { ctx, row };
    };
    app.get(spec.path, { schema: { tags, querystring: WorkspaceQuery } }, async (req) => {
      const { workspaceId } = await adminCtx(req);
      return { [`${spec.key}s`]: await delegate.findMany({ where: { workspaceId }, orderBy: { createdAt: 'asc' } }) };
    });
    app.post(spec.path, { config: { idempotent: true }, schema: { tags, querystring: WorkspaceQuery, body: spec.create } }, async (req, reply) => {
      const ctx = await adminCtx(req);
      const body = spec.prepare ? spec.prepare(req.body as Record<string, unknown>) : (req.body as Record<string, unknown>);
      await spec.check?.(ctx, body);
      return reply.status(201).send({ [spec.key]: await delegate.create({ data: { ...body, workspaceId: ctx.workspaceId } }) });
    });
    app.get(`${spec.path}/:id`, { schema: { tags, params: Params, querystring: WorkspaceQuery } }, async (req) => ({
      [spec.key]: (await find(req, req.params.id)).row,
    }));
    app.patch(`${spec.path}/:id`, { schema: { tags, params: Params, querystring: WorkspaceQuery, body: spec.update } }, async (req) => {
      const { ctx, row } = await find(req, req.params.id);
      await spec.check?.(ctx, req.body as Record<string, unknown>);
      return { [spec.key]: await delegate.update({ where: { id: row.id }, data: req.body }) };
    });
    app.delete(`${spec.path}/:id`, { schema: { tags, params: Params, querystring: WorkspaceQuery } }, async (req, reply) => {
      const { row } = await find(req, req.params.id);
      await delegate.delete({ where: { id: row.id } });
      return reply.status(204).send();
    });
  }
};
