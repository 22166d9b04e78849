// What a ticket read loads: one bounded set of queries for any number of tickets.
import type { Prisma } from '../../generated/prisma/client.js';

const userCard = { select: { id: true, name: true, email: true, role: true, slackId: true, pictureUrl: true, type: true } } as const;

export const ticketInclude = {
  requester: {
    select: {
      ...userCard.select,
      groupMemberships: { select: { group: { select: { id: true, name: true } } } },
    },
  },
  creator: userCard,
  assignee: userCard,
  team: { select: { id: true, name: true } },
  organization: { select: { id: true, name: true, email: true } },
  project: { select: { id: true, name: true } },
  queue: { select: { id: true, name: true } },
  topic: { select: { id: true, name: true } },
  form: { select: { id: true, name: true } },
  labels: { select: { label: { select: { id: true, name: true, color: true } } }, orderBy: { createdAt: 'asc' } },
  fieldValues: { select: { value: true, field: { select: { id: true, key: true, name: true, type: true } } } },
  externalRefs: { orderBy: { id: 'asc' } },
  // The ticket's own files: not sent with a message, not in an unsent draft.
  attachments: { where: { messageId: null, draftId: null }, orderBy: { id: 'asc' }, select: { id: true, ticketId: true, filename: true, contentType: true, size: true, createdAt: true } },
} satisfies Prisma.TicketInclude;

export type TicketView = Prisma.TicketGetPayload<{ include: typeof ticketInclude }>;

export const labelNames = (t: Pick<TicketView, 'labels'>): string[] => t.labels.map((l) => l.label.name);
