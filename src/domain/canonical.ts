// The canonical values every dialect maps to and from (DIALECTS.md, "Canonical values").
import { Priority, TicketStatus, MessageKind, Role, TicketSource } from '../generated/prisma/enums.js';

export { Priority, TicketStatus, MessageKind, Role, TicketSource };
/** A ticket may also have no priority (null; Suptask's nullable priority): each dialect reads that in its own words. */
export type PriorityValue = (typeof Priority)[keyof typeof Priority];
export type StatusValue = (typeof TicketStatus)[keyof typeof TicketStatus];
export type RoleValue = (typeof Role)[keyof typeof Role];
export type SourceValue = (typeof TicketSource)[keyof typeof TicketSource];

export const STATUSES = Object.values(TicketStatus) as StatusValue[];
export const PRIORITIES = Object.values(Priority) as PriorityValue[];
export const CLOSED_STATUSES: readonly StatusValue[] = ['resolved', 'closed'];
export const isClosed = (s: StatusValue): boolean => CLOSED_STATUSES.includes(s);
