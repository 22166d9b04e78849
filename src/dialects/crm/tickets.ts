// /api/tickets: list and search, read, create, edit, delete.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../http/context.js';
import { createTicket } from '../../domain/tickets/create.js';
import { getTicket } from '../../domain/tickets/find.js';
import { listTickets, type TicketFilter, type TicketSortField } from '../../domain/tickets/list.js';
import { deleteTicket, updateTicket } from '../../domain/tickets/update.js';
import { checkTicketLinks } from '../../domain/tickets/links.js';
import type { TicketPatch } from '../../domain/tickets/patch.js';
import { customFieldsOf, parseTags, prioritiesFor, PRIORITIES, PRIORITY_SORT_GROUPS, STATUS_SORT_GROUPS, statusesFor, ticketToWire, type CrmStatusId } from './mappers.js';
import {
  CustomFieldsField,
  data,
  Deleted,
  enumInput,
  consumes,
  errors401,
  errors404,
  errors422,
  idInput,
  optionalIdInput,
  page,
  TagsFields,
  textInput,
  Ticket,
  TicketParams,
} from './wire.js';
import { countTicketCreated } from '../../http/metrics.js';

const tags = ['crm'];
const SUBJECT_MAX = 191;

const SORTS: Record<string, TicketSortField> = {
  ticket_created: 'createdAt',
  ticket_last_updated: 'updatedAt',
  ticket_priority: 'priority',
  ticket_status: 'status',
};

const ListQuery = z.looseObject({
  status: z
    .string()
    .regex(/^[1-5](,[1-5])*$/, { error: 'The selected status is invalid.' })
    .optional()
    .describe('ticketstatus_id (1 Open, 2 Closed, 3 On Hold, 4 Answered, 5 Customer Replied); comma-separated for several'),
  priority: enumInput('priority', PRIORITIES).optional(),
  category_id: idInput('category_id').optional().describe('Department id'),
  client_id: idInput('client_id').optional(),
  project_id: idInput('project_id').optional(),
  active_state: enumInput('active_state', ['active', 'archived', 'all'] as const)
    .optional()
    .describe('Default `active`: archived tickets are listed only with `archived` (or `all`).'),
  search: z.string().max(200).optional().describe('Text in the subject, message or tags, or a ticket id'),
  ...TagsFields,
  sort: enumInput('sort', Object.keys(SORTS) as [string, ...string[]])
    .optional()
    .describe('Default ticket_created. ticket_status sorts by the status id (1 Open .. 5 Customer Replied), ticket_priority by normal, high, urgent; every sort ends with the ticket id, so pages are stable'),
  order: enumInput('order', ['asc', 'desc'] as const).optional().describe('Default desc'),
  limit: idInput('limit').optional().describe('Per page, default 20, at most 100'),
  page: idInput('page').optional(),
});

const CreateBody = z
  .looseObject({
    ticket_clientid: idInput('ticket_clientid').describe('An existing client'),
    ticket_categoryid: idInput('ticket_categoryid').describe('A department (category of type ticket)'),
    ticket_projectid: optionalIdInput('ticket_projectid').describe('A project of the client'),
    ticket_subject: textInput('ticket_subject', SUBJECT_MAX),
    ticket_message: textInput('ticket_message'),
    ticket_priority: enumInput('ticket_priority', PRIORITIES),
    ...CustomFieldsField,
  })


const UpdateBody = CreateBody.omit({ ticket_clientid: true });

export const ticketRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/tickets',
    { schema: { tags, summary: 'List and search tickets', querystring: ListQuery, response: { 200: page(Ticket), ...errors401, 422: errors422[422] } } },
    async (req) => {
      const q = req.query;
      const active = q.active_state ?? 'active';
      const filter: TicketFilter = {
        status: q.status ? [...new Set(q.status.split(','))].flatMap((s) => statusesFor(Number(s) as CrmStatusId)) : undefined,
        priority: q.priority ? prioritiesFor(q.priority) : undefined,
        queueId: q.category_id,
        organizationId: q.client_id,
        projectId: q.project_id,
        archived: active === 'all' ? undefined : active === 'archived',
        search: q.search,
        anyLabels: parseTags(q['tags[]'], q.tags),
      };
      const perPage = Math.min(q.limit ?? 20, 100);
      const sort = SORTS[q.sort ?? 'ticket_created'];
      // Status and priority sort by the CRM's value, then by ticket id (the canonical values one CRM value stands for mixed).
      const sortGroups = sort === 'status' ? STATUS_SORT_GROUPS : sort === 'priority' ? PRIORITY_SORT_GROUPS : undefined;
      const result = await listTickets(ctxOf(req), filter, { sort, sortGroups, order: q.order ?? 'desc', page: q.page, perPage, withTotal: true });
      const total = result.total ?? 0;
      return {
        data: result.tickets.map(ticketToWire),
        meta: { current_page: result.page, per_page: result.perPage, total, last_page: Math.max(1, Math.ceil(total / result.perPage)) },
      };
    },
  );

  app.get(
    '/api/tickets/:id',
    { schema: { tags, summary: 'Get a ticket', params: TicketParams, response: { 200: data(Ticket), ...errors404 } } },
    async (req) => ({ data: ticketToWire(await getTicket(ctxOf(req), { id: req.params.id })) }),
  );

  app.post(
    '/api/tickets',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Create a ticket',
        description: 'Client mode: the client must exist, the department must be a ticket category, the project must belong to the client. Enabled custom fields are validated and required ones enforced. Nothing is e-mailed.',
        body: CreateBody,
        consumes,
        response: { 201: data(Ticket), ...errors401, 422: errors422[422] },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const ctx = ctxOf(req);
      const projectId = b.ticket_projectid ?? null;
      await checkTicketLinks(ctx.db, ctx.workspaceId, { organizationId: b.ticket_clientid, queueId: b.ticket_categoryid, projectId }, { queueKind: 'ticket' });
      const ticket = await createTicket(ctx, {
        subject: b.ticket_subject,
        descriptionText: b.ticket_message,
        priority: b.ticket_priority,
        status: 'open',
        source: 'api',
        organizationId: b.ticket_clientid,
        queueId: b.ticket_categoryid,
        projectId,
        customFields: customFieldsOf(b),
        customFieldScope: 'workspace',
      });
      countTicketCreated(req);
      return reply.status(201).send({ data: ticketToWire(ticket) });
    },
  );

  app.patch(
    '/api/tickets/:id',
    {
      schema: {
        tags,
        summary: 'Update a ticket',
        description: 'Edits department, project, subject, message and priority (status has its own setter). `ticket_projectid` absent keeps the project; empty clears it.',
        params: TicketParams,
        body: UpdateBody,
        consumes,
        response: { 200: data(Ticket), ...errors422 },
      },
    },
    async (req) => {
      const b = req.body;
      const ctx = ctxOf(req);
      const key = { id: req.params.id };
      const current = await getTicket(ctx, key);
      const projectId = b.ticket_projectid === undefined ? current.projectId : b.ticket_projectid;
      await checkTicketLinks(ctx.db, ctx.workspaceId, { organizationId: current.organizationId, queueId: b.ticket_categoryid, projectId }, { queueKind: 'ticket' });
      const patch: TicketPatch = {
        queueId: b.ticket_categoryid,
        projectId,
        subject: b.ticket_subject,
        descriptionText: b.ticket_message,
        priority: b.ticket_priority,
        customFields: customFieldsOf(b),
        customFieldScope: 'workspace',
      };
      // A ticket shown as "normal" may be low or medium underneath: keep it unless the priority really changes.
      if (prioritiesFor(b.ticket_priority).includes(current.priority)) delete patch.priority;
      const { ticket } = await updateTicket(ctx, key, patch);
      return { data: ticketToWire(ticket) };
    },
  );

  app.delete(
    '/api/tickets/:id',
    { schema: { tags, summary: 'Delete a ticket', params: TicketParams, response: { 200: Deleted, ...errors404 } } },
    async (req) => {
      const id = req.params.id;
      await deleteTicket(ctxOf(req), { id });
      return { data: { id, deleted: true as const } };
    },
  );
};
