// Listing tickets: every filter and sort any dialect offers, backed by the Ticket indexes.
// One page costs three statements (page ids, those rows, then their relations: read-page.ts)
// and, when asked, one count.
import type { Prisma } from '../../generated/prisma/client.js';
import { CLOSED_STATUSES, type PriorityValue, type SourceValue, type StatusValue } from '../canonical.js';
import type { Ctx } from '../context.js';
import type { TicketView } from './view.js';
import { queryTicketPage } from './read-page.js';
import { FULL_TICKET, type ShapedTicket, type TicketShape } from './shape.js';
import { escapeLike, MIN_INDEXED_SEARCH, searchTicketIds } from './search.js';
import { countedPageIds, countedView, viewTotal } from './counts.js';
import { pageIdsByGroups, valueIn, type SortGroups } from './sort-groups.js';

/** `'any'` = set, `null` = unset, a number = that one. */
export type RefFilter = number | number[] | null | 'any';

export interface TicketFilter {
  ids?: number[];
  status?: StatusValue[];
  /** true = only resolved/closed; false = only not closed. */
  closed?: boolean;
  /** null: tickets without a priority. */
  priority?: (PriorityValue | null)[];
  source?: SourceValue[];
  assigneeId?: RefFilter;
  teamId?: RefFilter;
  requesterId?: RefFilter;
  requesterEmails?: string[];
  /** Tickets whose requester belongs to this customer group. */
  customerGroupId?: number;
  organizationId?: RefFilter;
  projectId?: RefFilter;
  queueId?: RefFilter;
  topicId?: RefFilter;
  /** Every one of these labels (names, case-insensitive). */
  labels?: string[];
  /** At least one of these labels (names, case-insensitive). */
  anyLabels?: string[];
  archived?: boolean;
  spam?: boolean;
  trashed?: boolean;
  unanswered?: boolean;
  /** true = has at least one reply; false = none. */
  hasReplies?: boolean;
  minReplies?: number;
  /** At most this many replies. */
  maxReplies?: number;
  createdFrom?: Date;
  createdTo?: Date;
  activityFrom?: Date;
  activityTo?: Date;
  /** Case-insensitive text in subject, description, ref and labels; with searchMessages also in messages. */
  search?: string;
  searchMessages?: boolean;
  /** Visible only to this customer: own tickets, and group tickets where the group allows it. */
  visibleToCustomerId?: number;
}

export type TicketSortField = 'lastActivityAt' | 'createdAt' | 'updatedAt' | 'priority' | 'status' | 'number';

export interface ListOptions<S extends TicketShape = TicketShape> {
  /** What to read of each ticket (default: the whole ticket view). */
  shape?: S;
  sort?: TicketSortField;
  order?: 'asc' | 'desc';
  page?: number;
  perPage?: number;
  /** Skip the count query when the caller does not show totals. */
  withTotal?: boolean;
  /** Count only, no rows. */
  totalOnly?: boolean;
  /** Also say whether a ticket follows this page (`more`), at the cost of one more id. */
  peekNext?: boolean;
  /** With sort `status` or `priority`: order by these groups of values, then id (sort-groups.ts). */
  sortGroups?: SortGroups;
}

function ref(field: 'assigneeId' | 'teamId' | 'requesterId' | 'organizationId' | 'projectId' | 'queueId' | 'topicId', f: RefFilter | undefined): Prisma.TicketWhereInput {
  if (f === undefined) return {};
  if (f === 'any') return { [field]: { not: null } };
  if (f === null) return { [field]: null };
  if (Array.isArray(f)) return { [field]: { in: f } };
  return { [field]: f };
}

export function ticketWhere(workspaceId: number, f: TicketFilter): Prisma.TicketWhereInput {
  const and: Prisma.TicketWhereInput[] = [
    ref('assigneeId', f.assigneeId),
    ref('teamId', f.teamId),
    ref('requesterId', f.requesterId),
    ref('organizationId', f.organizationId),
    ref('projectId', f.projectId),
    ref('queueId', f.queueId),
    ref('topicId', f.topicId),
  ];
  if (f.ids) and.push({ id: { in: f.ids } });
  if (f.status?.length) and.push({ status: { in: f.status } });
  if (f.closed === true) and.push({ status: { in: [...CLOSED_STATUSES] } });
  if (f.closed === false) and.push({ status: { notIn: [...CLOSED_STATUSES] } });
  if (f.priority?.length) and.push(valueIn('priority', f.priority));
  if (f.source?.length) and.push({ source: { in: f.source } });
  if (f.requesterEmails?.length) and.push({ requester: { email: { in: f.requesterEmails.map((e) => e.trim().toLowerCase()) } } });
  if (f.customerGroupId !== undefined) and.push({ requester: { groupMemberships: { some: { groupId: f.customerGroupId } } } });
  for (const name of f.labels ?? []) and.push({ labels: { some: { label: { name: { equals: name, mode: 'insensitive' } } } } });
  if (f.anyLabels?.length) and.push({ OR: f.anyLabels.map((name) => ({ labels: { some: { label: { name: { equals: name, mode: 'insensitive' } } } } })) });
  for (const flag of ['archived', 'spam', 'trashed', 'unanswered'] as const) if (f[flag] !== undefined) and.push({ [flag]: f[flag] });
  if (f.hasReplies === true) and.push({ replyCount: { gt: 0 } });
  if (f.hasReplies === false) and.push({ replyCount: 0 });
  if (f.minReplies !== undefined) and.push({ replyCount: { gte: f.minReplies } });
  if (f.maxReplies !== undefined) and.push({ replyCount: { lte: f.maxReplies } });
  if (f.createdFrom || f.createdTo) and.push({ createdAt: { gte: f.createdFrom, lte: f.createdTo } });
  if (f.activityFrom || f.activityTo) and.push({ lastActivityAt: { gte: f.activityFrom, lte: f.activityTo } });
  if (f.search?.trim()) {
    const q = f.search.trim();
    // Prisma passes `contains` to ILIKE as is: wildcards in user text must be literal.
    const like = escapeLike(q);
    const or: Prisma.TicketWhereInput[] = [
      { subject: { contains: like, mode: 'insensitive' } },
      { descriptionText: { contains: like, mode: 'insensitive' } },
      { ref: { equals: q.toUpperCase() } },
      { labels: { some: { label: { name: { contains: like, mode: 'insensitive' } } } } },
    ];
    if (/^\d+$/.test(q) && Number(q) <= 2147483647) or.push({ id: Number(q) }, { number: Number(q) });
    if (f.searchMessages) or.push({ messages: { some: { bodyText: { contains: like, mode: 'insensitive' } } } });
    and.push({ OR: or });
  }
  if (f.visibleToCustomerId !== undefined) {
    and.push({
      OR: [
        { requesterId: f.visibleToCustomerId },
        {
          requester: {
            groupMemberships: {
              some: { group: { canMembersAccessGroupTickets: true, groupMembers: { some: { memberId: f.visibleToCustomerId } } } },
            },
          },
        },
      ],
    });
  }
  return { workspaceId, AND: and.filter((c) => Object.keys(c).length) };
}

export interface TicketPage<T = TicketView> {
  tickets: T[];
  total: number | null;
  page: number;
  perPage: number;
  /** With `peekNext`: whether more tickets follow this page. */
  more?: boolean;
}

/** The filter with an indexable search replaced by the ids it matches (one query). */
async function resolveSearch(ctx: Ctx, filter: TicketFilter): Promise<TicketFilter> {
  const q = filter.search?.trim();
  if (!q || q.length < MIN_INDEXED_SEARCH) return filter;
  const ids = await searchTicketIds(ctx.db, ctx.workspaceId, q, filter.searchMessages ?? false);
  if (!ids) return filter;
  const within = filter.ids ? new Set(filter.ids) : null;
  return { ...filter, search: undefined, ids: within ? ids.filter((id) => within.has(id)) : ids };
}

/** From this offset on, a page of a counted view may be read from the far end (listTickets). */
const DEEP_OFFSET = 2_000;

export async function listTickets<S extends TicketShape = typeof FULL_TICKET>(ctx: Ctx, filter: TicketFilter, opts: ListOptions<S> = {}): Promise<TicketPage<ShapedTicket<S>>> {
  const resolved = await resolveSearch(ctx, filter);
  const where = ticketWhere(ctx.workspaceId, resolved);
  const page = Math.max(1, opts.page ?? 1);
  const perPage = Math.min(Math.max(1, opts.perPage ?? 20), 1000);
  const order = opts.order ?? 'desc';
  const sort = opts.sort ?? 'lastActivityAt';
  const extra = opts.peekNext ? 1 : 0;
  const offset = (page - 1) * perPage;
  // Sorting by groups of values counts the filtered tickets per value: that count is the total too.
  const grouped =
    opts.sortGroups && (sort === 'status' || sort === 'priority') && !opts.totalOnly
      ? await pageIdsByGroups(ctx.db, where, sort, opts.sortGroups, order, offset, perPage + extra)
      : null;
  // A default view's total comes from the counters and its page ids from its own statement
  // (counts.ts); other filters count and page their rows through Prisma.
  const view = grouped ? null : countedView(resolved);
  const total = opts.withTotal || opts.totalOnly ? (grouped?.total ?? (view ? await viewTotal(ctx, view) : await ctx.db.ticket.count({ where }))) : null;
  if (opts.totalOnly) return { tickets: [], total, page, perPage };
  // Two steps: the page's ids come from an index scan, then relations load for those rows
  // only, instead of for every row the offset skips.
  const pageIds = async (o: 'asc' | 'desc', skip: number, take: number): Promise<number[]> =>
    view
      ? countedPageIds(ctx, view, sort, o, skip, take)
      : (await ctx.db.ticket.findMany({ where, select: { id: true }, orderBy: [{ [sort]: o }, { id: o }], skip, take })).map((r) => r.id);
  // A deep page of a view the counters total is skipped to from the nearer end: the last
  // page of a million tickets scans a page, not the million before it.
  const known = view && offset > DEEP_OFFSET ? (total ?? (await viewTotal(ctx, view))) : null;
  let found: number[];
  let more: boolean;
  if (grouped) {
    found = grouped.ids.map((r) => r.id);
    more = found.length > perPage;
  } else if (known != null && offset > known / 2) {
    const take = Math.min(perPage + extra, known - offset);
    found = take > 0 ? (await pageIds(order === 'asc' ? 'desc' : 'asc', known - offset - take, take)).reverse() : [];
    more = offset + perPage < known;
  } else {
    found = await pageIds(order, offset, perPage + extra);
    more = found.length > perPage;
  }
  const ids = found.slice(0, perPage);
  const tickets = await queryTicketPage(ctx.db, ctx.workspaceId, ids, opts.shape ?? (FULL_TICKET as S));
  return { tickets, total, page, perPage, ...(opts.peekNext ? { more } : {}) };
}
