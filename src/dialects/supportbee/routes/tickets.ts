// Tickets: list, search, create (also anonymous, rate limited), show, delete.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../../domain/context.js';
import { ValidationError } from '../../../domain/errors.js';
import { createTicket, SUBJECT_MAX } from '../../../domain/tickets/create.js';
import { getVisibleTicket, listVisibleTickets } from '../../../domain/visibility.js';
import { type TicketFilter, type TicketPage as DomainPage } from '../../../domain/tickets/list.js';
import { purgeTrashedTicket } from '../../../domain/tickets/purge.js';
import { teamIdsOf } from '../../../domain/catalog.js';
import { byPerson, limit } from '../../../http/rate-limit.js';
import { boolInput, keywordQuery } from '../../../http/wire-values.js';
import { principalOf } from '../../../http/auth.js';
import { Addresses, AuthQuery, BoolParam, ContentIn, errorResponses, ErrorBody, NoContent, Ticket, TicketIdParams, TicketPage } from '../schemas.js';
import * as map from '../mappers.js';
import { attachmentIds } from '../content.js';
import { creationCtx, links, sbCtx } from '../request.js';
import { timeParam } from '../time.js';
import { countTicketCreated } from '../../../http/metrics.js';

/** One of the keywords, or a positive 32-bit id. */
const keywordOrId = (words: string[], what: string) =>
  z.string().refine((v) => words.includes(v) || (/^\d{1,10}$/.test(v) && Number(v) >= 1 && Number(v) <= 2147483647), `must be ${words.join(', ')} or ${what}`);

const PerPage = z.coerce.number().int().min(1).max(99).default(15).describe('Number of tickets per page (less than 100)');
const Page = z.coerce.number().int().min(1).max(1_000_000).default(1);

const ListQuery = AuthQuery.extend({
  per_page: PerPage,
  page: Page,
  archived: keywordQuery(['true', 'false', 'any']).optional().describe('true: only archived; false (default): no archived; any: both'),
  spam: BoolParam.optional().describe('true: the tickets marked as spam'),
  trash: BoolParam.optional().describe('true: the trashed tickets'),
  replies: BoolParam.optional().describe('true: only tickets with replies; false: only tickets without'),
  max_replies: z.coerce.number().int().min(0).max(2147483647).optional().describe('Tickets with at most this many replies'),
  assigned_user: keywordOrId(['me', 'any', 'none'], 'a user id').optional(),
  assigned_team: keywordOrId(['mine', 'none'], 'a team id').optional(),
  label: z.string().min(1).max(100).optional(),
  since: z.string().max(64).optional().describe('Date, DateTime or Timestamp (UTC unless an offset is given)'),
  until: z.string().max(64).optional().describe('Date, DateTime or Timestamp (UTC unless an offset is given)'),
  sort_by: z.enum(['last_activity', 'creation_time']).default('last_activity'),
  requester_emails: z.string().max(10_000).optional().describe('Comma-separated requester e-mail addresses'),
  total_only: BoolParam.optional().describe('Return only {total}'),
});

const SearchQuery = AuthQuery.extend({
  query: z.string().trim().min(1).max(500).describe('Keywords searched in subject, content, replies and comments'),
  per_page: PerPage,
  page: Page,
  spam: BoolParam.optional(),
  trash: BoolParam.optional(),
});

const CreateBody = z.object({
  ticket: z.object({
    subject: z.string().trim().min(1).max(SUBJECT_MAX),
    requester_name: z.string().max(200).nullish(),
    requester_email: z.string().max(320).nullish(),
    cc: Addresses.nullish(),
    bcc: Addresses.nullish(),
    notify_requester: boolInput().optional(),
    content: ContentIn,
    forwarding_address_id: z.union([z.number().int().positive().max(2147483647), z.string().regex(/^\d{0,10}$/, 'must be a forwarding address id')]).nullish(),
  }),
});

/** spam/trash/archived as SupportBee's folders: spam or trash views include archived tickets unless asked otherwise. */
function folderFilter(q: { spam?: boolean; trash?: boolean; archived?: 'true' | 'false' | 'any' }, archivedDefault: boolean | undefined): TicketFilter {
  const folder = q.spam || q.trash;
  const archived = q.archived === 'true' ? true : q.archived === 'false' ? false : q.archived === 'any' || folder ? undefined : archivedDefault;
  return { spam: q.spam ?? false, trashed: q.trash ?? false, archived };
}

async function listFilter(req: FastifyRequest, ctx: Ctx, q: z.output<typeof ListQuery>): Promise<TicketFilter> {
  const me = principalOf(req).userId;
  if (q.max_replies !== undefined && q.replies === false) throw ValidationError.field('max_replies', 'max_replies cannot be used with replies=false');
  const since = timeParam(q.since, 'since');
  const until = timeParam(q.until, 'until');
  const f: TicketFilter = { ...folderFilter(q, false) };
  if (q.replies !== undefined) f.hasReplies = q.replies;
  if (q.max_replies !== undefined) f.maxReplies = q.max_replies;
  const u = q.assigned_user;
  if (u) f.assigneeId = u === 'me' ? me : u === 'any' ? 'any' : u === 'none' ? null : Number(u);
  const t = q.assigned_team;
  if (t) f.teamId = t === 'mine' ? await teamIdsOf(ctx, me) : t === 'none' ? null : Number(t);
  if (q.label) f.labels = [q.label];
  if (q.sort_by === 'creation_time') Object.assign(f, { createdFrom: since, createdTo: until });
  else Object.assign(f, { activityFrom: since, activityTo: until });
  if (q.requester_emails) f.requesterEmails = q.requester_emails.split(',').map((e) => e.trim()).filter(Boolean);
  return f;
}

/** One page in SupportBee's envelope. */
function renderPage(req: FastifyRequest, page: DomainPage<map.WireTicketView>) {
  const total = page.total ?? 0;
  return {
    total,
    current_page: page.page,
    per_page: page.perPage,
    total_pages: Math.ceil(total / page.perPage),
    tickets: renderTickets(req, page.tickets),
  };
}

export function renderTickets(req: FastifyRequest, tickets: map.WireTicketView[]) {
  const l = links(req);
  return tickets.map((t) => map.ticket(t, l));
}

export function renderTicket(req: FastifyRequest, t: map.WireTicketView) {
  return map.ticket(t, links(req));
}

export const ticketRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['supportbee'];
  const limits = app.config.limits.supportbee;

  app.get(
    '/tickets',
    {
      config: { customers: true },
      schema: {
        tags,
        summary: 'List tickets',
        description: 'Tickets in the order of their last activity (or creation time); archived, spam and trashed tickets only when asked for.',
        querystring: ListQuery,
        response: { 200: z.union([TicketPage, z.object({ total: z.number() })]), ...errorResponses },
      },
    },
    async (req) => {
      const ctx = sbCtx(req);
      const q = req.query;
      const filter = await listFilter(req, ctx, q);
      const sort = q.sort_by === 'creation_time' ? 'createdAt' : 'lastActivityAt';
      if (q.total_only) return { total: (await listVisibleTickets(ctx, filter, { totalOnly: true })).total ?? 0 };
      return renderPage(req, await listVisibleTickets(ctx, filter, { shape: map.WIRE_TICKET, sort, order: 'desc', page: q.page, perPage: q.per_page, withTotal: true }));
    },
  );

  app.get(
    '/tickets/search',
    { config: { customers: true }, schema: { tags, summary: 'Search tickets', description: 'Matches subject, content, replies and comments; archived tickets included.', querystring: SearchQuery, response: { 200: TicketPage, ...errorResponses } } },
    async (req) => {
      const ctx = sbCtx(req);
      const q = req.query;
      const filter: TicketFilter = { ...folderFilter(q, undefined), search: q.query, searchMessages: true };
      return renderPage(req, await listVisibleTickets(ctx, filter, { shape: map.WIRE_TICKET, sort: 'lastActivityAt', order: 'desc', page: q.page, perPage: q.per_page, withTotal: true }));
    },
  );

  app.post(
    '/tickets',
    {
      config: {
        idempotent: true,
        auth: 'optional',
        // Anonymous callers (website forms): per IP per hour; with a token: per person per minute.
        rateLimit: limit({
          group: 'supportbee-create',
          key: byPerson,
          max: (req) => (req.principal ? limits.createPerMinute : limits.anonymousPerHour),
          timeWindow: (req) => (req.principal ? 60_000 : 3_600_000),
        }),
      },
      schema: {
        tags,
        summary: 'Create a ticket',
        description: 'Needs no authentication: anonymous requests create the ticket in `company` (default: the bootstrap workspace) and are limited per IP per hour; authenticated ones per person per minute (429).',
        querystring: AuthQuery.extend({ company: z.string().max(63).optional().describe('Workspace slug for anonymous requests') }),
        body: CreateBody,
        response: { 201: Ticket, ...errorResponses, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const ctx = await creationCtx(req, req.query.company);
      const t = req.body.ticket;
      const content = map.body(t.content);
      if (!content.text.trim() && !content.html) throw ValidationError.field('content', 'content text or html is required');
      const email = t.requester_email?.trim();
      if (!email && !ctx.actor) throw ValidationError.field('requester_email', 'requester_email is required');
      const fwd = t.forwarding_address_id;
      const created = await createTicket(ctx, {
        subject: t.subject,
        descriptionText: content.text,
        descriptionHtml: content.html,
        source: ctx.actor ? 'api' : 'web',
        ...(email ? { requester: { email, name: t.requester_name } } : { requesterId: ctx.actor!.userId }),
        cc: map.addresses(t.cc, 'cc'),
        bcc: map.addresses(t.bcc, 'bcc'),
        forwardingAddressId: fwd === '' || fwd == null ? null : Number(fwd),
        attachmentIds: attachmentIds(t.content),
        labelMode: 'existing',
      });
      countTicketCreated(req);
      return reply.status(201).send(await renderTicket(req, created));
    },
  );

  app.get(
    '/tickets/:id',
    { config: { customers: true }, schema: { tags, summary: 'Show a ticket', params: TicketIdParams, querystring: AuthQuery, response: { 200: z.object({ ticket: Ticket }), ...errorResponses } } },
    async (req) => {
      const ctx = sbCtx(req);
      return { ticket: await renderTicket(req, await getVisibleTicket(ctx, { id: req.params.id }, { shape: map.WIRE_TICKET })) };
    },
  );

  app.delete(
    '/tickets/:id',
    { schema: { tags, summary: 'Delete a trashed ticket (admins only)', params: TicketIdParams, querystring: AuthQuery, response: { 204: NoContent, ...errorResponses } } },
    async (req, reply) => {
      await purgeTrashedTicket(sbCtx(req), { id: req.params.id });
      return reply.status(204).send(null);
    },
  );
};
