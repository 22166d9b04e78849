// Ordering by groups of values: a dialect whose status (or priority) merges several
// canonical values sorts by its own value, then by id. The groups come from the dialect, so
// the domain names no vendor. One grouped count, then each group the page reaches is read
// in id order with the list's filter, as many queries as the groups the page spans (usually
// one). The grouped count is the list's total as well, so a page costs what a counted page of
// any other sort costs, plus one query per extra group.
import type { Prisma } from '../../generated/prisma/client.js';
import type { PriorityValue, StatusValue } from '../canonical.js';
import type { Tx } from '../context.js';

export type GroupedField = 'status' | 'priority';
export type SortValue = StatusValue | PriorityValue | null;
/** Values that sort as one, in ascending order: the first group first. */
export type SortGroups = readonly (readonly SortValue[])[];

/** `field` is one of `values` (null matching an unset field). */
export function valueIn(field: GroupedField, values: readonly SortValue[]): Prisma.TicketWhereInput {
  const set = values.filter((v): v is StatusValue | PriorityValue => v !== null);
  const has = { [field]: { in: set } } as Prisma.TicketWhereInput;
  if (!values.includes(null)) return has;
  const unset = { [field]: null } as Prisma.TicketWhereInput;
  return set.length ? { OR: [has, unset] } : unset;
}

/**
 * The ids of one page ordered by (group of `field`, id), both ways by `order`, and the number of
 * tickets `where` matches. Values in no group (and null when no group names it) form one more
 * group after the others. Stable across pages: ids are unique, so the order is total.
 */
export async function pageIdsByGroups(
  db: Tx,
  where: Prisma.TicketWhereInput,
  field: GroupedField,
  groups: SortGroups,
  order: 'asc' | 'desc',
  skip: number,
  take: number,
): Promise<{ ids: { id: number }[]; total: number }> {
  const counted = (await db.ticket.groupBy({ by: [field], where, _count: { _all: true } })) as unknown as ({ _count: { _all: number } } & Record<GroupedField, SortValue>)[];
  const countOf = new Map<SortValue, number>(counted.map((r) => [r[field], r._count._all]));
  const named = new Set(groups.flat());
  const rest = [...countOf.keys()].filter((v) => !named.has(v));
  const all = rest.length ? [...groups, rest] : [...groups];
  const out: { id: number }[] = [];
  let offset = skip;
  for (const group of order === 'asc' ? all : all.reverse()) {
    if (out.length >= take) break;
    const size = group.reduce((n, v) => n + (countOf.get(v) ?? 0), 0);
    if (offset >= size) {
      offset -= size;
      continue;
    }
    const ids = await db.ticket.findMany({ where: { AND: [where, valueIn(field, group)] }, select: { id: true }, orderBy: { id: order }, skip: offset, take: take - out.length });
    out.push(...ids);
    offset = 0;
  }
  return { ids: out, total: [...countOf.values()].reduce((a, b) => a + b, 0) };
}
