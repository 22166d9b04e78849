// Checking a ticket's links (organization, queue, project) before a write, reporting every
// broken link at once: dialects with form-style validation answer with all field errors.
import type { Tx } from '../context.js';
import { ValidationError, type FieldErrors } from '../errors.js';

export interface TicketLinks {
  organizationId?: number | null;
  queueId?: number | null;
  projectId?: number | null;
}

export interface LinkRules {
  /** The queue must be of this kind (e.g. 'ticket' for departments that take tickets). */
  queueKind?: string;
}

/**
 * Throws one ValidationError naming every broken link (fields `organization`, `queue`,
 * `project`). A project always belongs to a client: it must be the given organization's,
 * and a ticket without a client can have no project.
 * createTicket/applyPatch re-check existence inside their transactions.
 */
export async function checkTicketLinks(db: Tx, workspaceId: number, links: TicketLinks, rules: LinkRules = {}): Promise<void> {
  const [org, queue, project] = await Promise.all([
    links.organizationId != null ? db.organization.findFirst({ where: { id: links.organizationId, workspaceId }, select: { id: true } }) : null,
    links.queueId != null ? db.queue.findFirst({ where: { id: links.queueId, workspaceId }, select: { kind: true } }) : null,
    links.projectId != null ? db.project.findFirst({ where: { id: links.projectId, workspaceId }, select: { organizationId: true } }) : null,
  ]);
  const fields: FieldErrors = {};
  if (links.organizationId != null && !org) fields.organization = [`client ${links.organizationId} does not exist`];
  if (links.queueId != null) {
    if (!queue) fields.queue = [`department ${links.queueId} does not exist`];
    else if (rules.queueKind && queue.kind !== rules.queueKind) fields.queue = [`department ${links.queueId} is not a ${rules.queueKind} department`];
  }
  if (links.projectId != null) {
    if (!project) fields.project = [`project ${links.projectId} does not exist`];
    else if (links.organizationId == null || (org && project.organizationId !== links.organizationId)) fields.project = ['the project does not belong to the client'];
  }
  const messages = Object.values(fields).flat();
  if (messages.length) throw new ValidationError(messages[0], fields);
}
