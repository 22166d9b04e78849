// Forwarding addresses: the mailboxes a desk receives tickets through. A ticket created
// with a forwarding address records it (createTicket), and filter rules can match on it.
import type { Ctx } from './context.js';
import { ValidationError } from './errors.js';
import { authorize } from './policy.js';

export interface ForwardingAddressInput {
  name: string;
  email?: string | null;
  filterSpam?: boolean;
  useAgentName?: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function listForwardingAddresses(ctx: Ctx) {
  return ctx.db.forwardingAddress.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: { id: 'asc' } });
}

/** Mailboxes are desk settings: admins only. */
export function createForwardingAddress(ctx: Ctx, input: ForwardingAddressInput) {
  authorize(ctx, 'workspace.configure');
  const name = input.name.trim();
  if (!name) throw ValidationError.field('name', 'name is required');
  const email = input.email?.trim().toLowerCase() || null;
  if (email && !EMAIL.test(email)) throw ValidationError.field('email', 'email is not a valid e-mail address');
  return ctx.db.forwardingAddress.create({
    data: { workspaceId: ctx.workspaceId, name, email, filterSpam: input.filterSpam ?? true, useAgentName: input.useAgentName ?? true },
  });
}
