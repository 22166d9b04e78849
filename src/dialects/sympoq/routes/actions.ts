// Agent actions (PUT, JSON): reply, assign, note, close, move and tag. Each runs as one
// domain call (one transaction) and answers with the updated ticket.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ctxOf } from '../../../http/context.js';
import type { Ctx } from '../../../domain/context.js';
import type { TicketKey } from '../../../domain/tickets/find.js';
import type { TicketView } from '../../../domain/tickets/view.js';
import { addMessage } from '../../../domain/messages.js';
import { updateTicket } from '../../../domain/tickets/update.js';
import { loadFormats, parseDatetime } from '../formats.js';
import { renderTicket, ticketKey } from '../render.js';
import { statusFromWire } from '../values.js';
import { AssignBody, CloseBody, ErrorResponses, TicketHeaders, MoveBody, NoteBody, on, ReplyBody, TagBody, Ticket, TicketId } from '../wire.js';

const tags = ['sympoq'];

const splitTags = (s: string): string[] =>
  s
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

export const actionRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  /** One PUT action: `run` changes the ticket and returns it; the answer is the wire ticket. */
  /** `creates`: the action adds a message, so it honours Idempotency-Key. */
  function action<B extends z.ZodType>(name: string, summary: string, description: string, body: B, run: (ctx: Ctx, key: TicketKey, body: z.infer<B>) => Promise<TicketView>, creates = false) {
    app.put(
      `/app/desk/api/ticket/${name}/:id`,
      { config: { idempotent: creates }, schema: { tags, summary, description, params: TicketId, headers: TicketHeaders, body, response: { 200: Ticket, ...ErrorResponses } } },
      async (req) => {
        const ctx = ctxOf(req);
        // The schema above has validated the body; the generic B loses that in the types.
        return renderTicket(req, ctx, await run(ctx, ticketKey(req.params.id), req.body as z.infer<B>));
      },
    );
  }

  action('reply', 'Reply', 'Replies to the customer; optionally closes, marks the solution, assigns the caller when unassigned.', ReplyBody, async (ctx, key, b) => {
    const r = await addMessage(ctx, key, {
      kind: 'reply',
      bodyText: b.reply,
      isSolution: on(b.mark_solution),
      autoAssign: on(b.auto_assign),
      minutes: b.minutes,
      patch: on(b.and_close) ? { status: 'closed' } : undefined,
    });
    return r.ticket;
  }, true);

  action('assign', 'Assign', 'Assigns an agent and/or sets the deadline (workspace datetime format, default DD-MON-YY HH24:MI).', AssignBody, async (ctx, key, b) => {
    const deadline = b.deadline == null ? b.deadline : parseDatetime(b.deadline, await loadFormats(ctx), 'deadline');
    return (await updateTicket(ctx, key, { assigneeId: b.assignee, deadline, minutes: b.minutes })).ticket;
  });

  action('note', 'Note', 'Adds an internal note; optionally changes the status.', NoteBody, async (ctx, key, b) => {
    const r = await addMessage(ctx, key, { kind: 'note', bodyText: b.note, minutes: b.minutes, patch: b.status ? { status: statusFromWire(b.status) } : undefined });
    return r.ticket;
  }, true);

  action('close', 'Close', 'Closes the ticket. No body is needed.', CloseBody, async (ctx, key, b) => (await updateTicket(ctx, key, { status: 'closed', minutes: b?.minutes })).ticket);

  action('move', 'Move', 'Moves the ticket to another queue; `unassign: 1` also removes the assignee.', MoveBody, async (ctx, key, b) => {
    const patch = { queueId: b.queue, assigneeId: on(b.unassign) ? null : undefined, minutes: b.minutes };
    return (await updateTicket(ctx, key, patch, { minutesOn: 'moved' })).ticket;
  });

  action('tag', 'Tag', 'Replaces the ticket tags with the comma-separated list.', TagBody, async (ctx, key, b) => (await updateTicket(ctx, key, { labels: splitTags(b.tags), minutes: b.minutes })).ticket);
};
