// The permission policy: which role may do what, in one table. Domain services call
// `authorize` themselves, so every dialect (and the admin API) enforces the same rules;
// dialects only render the ForbiddenError in their own 403 envelope. The README's
// "Permissions" table is this table; test/core/permissions.test.ts walks every write route.
import type { Role } from '../generated/prisma/client.js';
import type { Actor } from './context.js';
import { ForbiddenError } from './errors.js';

/** A caller: a user's role, or nobody (SupportBee's public ticket form). */
export type Caller = Role | 'anonymous';

const STAFF_WRITERS = ['admin', 'agent'] as const;
const ADMINS = ['admin'] as const;

/**
 * Action -> who may do it, and the words of the refusal. Customers are further limited by
 * visibility (their own tickets, their group's where allowed) and by the routes that accept
 * their tokens at all (`customers: true`).
 */
export const POLICY = {
  'ticket.read': { who: ['admin', 'agent', 'collaborator', 'customer'], what: 'read tickets' },
  'ticket.create': { who: ['admin', 'agent', 'customer', 'anonymous'], what: 'create tickets' },
  'ticket.update': { who: STAFF_WRITERS, what: 'change tickets' },
  'ticket.label': { who: STAFF_WRITERS, what: 'label tickets' },
  'ticket.assign': { who: STAFF_WRITERS, what: 'assign tickets' },
  'ticket.delete': { who: ADMINS, what: 'delete tickets' },
  // Customers reply only on tickets they can see (no route accepts their tokens for it today).
  'message.reply': { who: ['admin', 'agent', 'customer'], what: 'reply to tickets' },
  'message.note': { who: ['admin', 'agent', 'collaborator'], what: 'add notes to tickets' },
  'message.on_behalf': { who: ADMINS, what: 'post on behalf of another agent' },
  'message.delete': { who: STAFF_WRITERS, what: 'delete replies or notes' },
  'attachment.upload': { who: ['admin', 'agent', 'collaborator'], what: 'upload attachments' },
  'attachment.attach': { who: STAFF_WRITERS, what: 'attach files to tickets' },
  'draft.write': { who: STAFF_WRITERS, what: 'write reply drafts' },
  'user.manage_customers': { who: STAFF_WRITERS, what: 'manage customers' },
  'user.manage_staff': { who: ADMINS, what: 'manage agents, admins and collaborators' },
  'snippet.write': { who: STAFF_WRITERS, what: 'manage snippets' },
  'filter.write': { who: ADMINS, what: 'manage filters' },
  'report.read': { who: ADMINS, what: 'read reports' },
  'analytics.read': { who: ['admin', 'agent', 'collaborator'], what: 'read ticket analytics' },
  'workspace.configure': { who: ADMINS, what: 'configure the workspace' },
} as const satisfies Record<string, { who: readonly Caller[]; what: string }>;

export type Action = keyof typeof POLICY;

export const callerOf = (actor: Actor | null | undefined): Caller => actor?.role ?? 'anonymous';

export function may(actor: Actor | null | undefined, action: Action): boolean {
  return (POLICY[action].who as readonly Caller[]).includes(callerOf(actor));
}

/** Throws ForbiddenError unless the actor may do every one of `actions`. */
export function authorize(ctx: { actor: Actor | null }, ...actions: Action[]): void {
  for (const action of actions) {
    if (may(ctx.actor, action)) continue;
    const { who, what } = POLICY[action];
    const roles = (who as readonly Caller[]).filter((r) => r !== 'anonymous').map((r) => `${r}s`);
    throw new ForbiddenError(ctx.actor ? `only ${roles.join(', ').replace(/, ([^,]*)$/, ' and $1')} may ${what}` : `sign in to ${what}`);
  }
}
