// Domain rows -> SupportBee wire objects, and wire values -> domain inputs. Person and
// picture renderers are shared by every resource family (tickets, replies, users...).
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Attachment as AttachmentRow, ForwardingAddress as ForwardingAddressRow, Prisma, Role, Snippet as SnippetRow } from '../../generated/prisma/client.js';
import { isStaff } from '../../domain/context.js';
import { ValidationError } from '../../domain/errors.js';
import { normalizeBody, renderHtml, summarize, type Body } from '../../domain/html.js';
import { ticketShape, type ShapedTicket } from '../../domain/tickets/shape.js';
import type { MessageView } from '../../domain/messages.js';
import type { DraftView, QuotedMessage } from '../../domain/drafts.js';
import type { PersonView, UserInput } from '../../domain/people.js';
import type * as W from './schemas.js';
import { humanTime, iso } from './time.js';

type Out<T extends z.ZodType> = z.output<T>;

/** How this request reaches downloads (absolute URLs under the dialect's prefix). */
export interface Links {
  attachment(id: number): string;
}

// ---- people ----

interface PersonRow {
  id: number;
  name: string;
  email?: string | null;
  role?: Role;
  pictureUrl?: string | null;
}

const SIZES = [20, 24, 32, 48, 64] as const;

export function picture(p: { email?: string | null; pictureUrl?: string | null } | null): Out<typeof W.Picture> {
  const hash = createHash('md5').update((p?.email ?? '').trim().toLowerCase()).digest('hex');
  const url = (size: number) => p?.pictureUrl ?? `https://www.gravatar.com/avatar/${hash}?d=mm&s=${size}`;
  return Object.fromEntries(SIZES.map((s) => [`thumb${s}`, url(s)])) as Out<typeof W.Picture>;
}

export const isAgent = (role: Role | undefined): boolean => isStaff(role);

export function userCard(u: PersonRow): Out<typeof W.UserCard> {
  return { id: u.id, name: u.name, agent: isAgent(u.role), picture: picture(u) };
}

export function ticketPerson(u: PersonRow): Out<typeof W.TicketPerson> {
  return { id: u.id, name: u.name, agent: isAgent(u.role), picture: [picture(u)] };
}

export function requester(u: PersonRow): Out<typeof W.Requester> {
  return { ...ticketPerson(u), role: u.role ?? 'customer', email: u.email ?? null };
}

export function teamCard(t: { id: number; name: string }) {
  return { id: t.id, name: t.name, picture: picture(null) };
}

export const address = (email: string): Out<typeof W.Address> => ({ name: '', email, picture: picture({ email }) });

// ---- content ----

type FileCard = Pick<AttachmentRow, 'id' | 'createdAt' | 'filename' | 'contentType' | 'size'>;

export function attachment(a: FileCard, links: Links): Out<typeof W.Attachment> {
  return { id: a.id, created_at: iso(a.createdAt), filename: a.filename, content_type: a.contentType, size: a.size, url: { original: links.attachment(a.id) } };
}

function content(text: string, html: string | null, attachments: FileCard[], links: Links): Out<typeof W.Content> {
  return { text, html: text || html ? renderHtml(text, html) : null, attachments: attachments.map((a) => attachment(a, links)) };
}

// ---- tickets ----

/** What a SupportBee ticket shows: its reads and lists read only this. */
export const WIRE_TICKET = ticketShape(
  ['subject', 'replyCount', 'noteCount', 'lastActivityAt', 'createdAt', 'unanswered', 'archived', 'spam', 'trashed', 'descriptionText', 'descriptionHtml', 'cc', 'bcc'],
  ['labels', 'requester', 'attachments', 'assignee', 'team'],
);
export type WireTicketView = ShapedTicket<typeof WIRE_TICKET>;

export function ticket(t: WireTicketView, links: Links): Out<typeof W.Ticket> {
  return {
    id: t.id,
    subject: t.subject,
    replies_count: t.replyCount,
    comments_count: t.noteCount,
    last_activity_at: iso(t.lastActivityAt),
    created_at: iso(t.createdAt),
    unanswered: t.unanswered,
    archived: t.archived,
    spam: t.spam,
    trash: t.trashed,
    summary: summarize(t.descriptionText),
    cc: t.cc.map(address),
    bcc: t.bcc.map(address),
    labels: t.labels.map(({ label }) => ({ name: label.name, color: label.color })),
    requester: t.requester ? requester(t.requester) : null,
    content: content(t.descriptionText, t.descriptionHtml, t.attachments, links),
    current_user_asignee: t.assignee ? ticketPerson(t.assignee) : null,
    current_team_asignee: t.team ? { id: t.team.id, name: t.team.name, agent: false, picture: [picture(null)] } : null,
  };
}

// ---- conversation ----

function author(m: MessageView): Out<typeof W.UserCard> | null {
  if (m.author) return userCard({ ...m.author, name: m.authorName ?? m.author.name });
  return null;
}

export function reply(m: MessageView, links: Links): Out<typeof W.Reply> {
  const c = content(m.bodyText, m.bodyHtml, m.attachments, links);
  return {
    id: m.id,
    created_at: iso(m.createdAt),
    summary: summarize(m.bodyText),
    cc: m.cc.map(address),
    bcc: m.bcc.map(address),
    ticket: { replies_count: m.ticket.replyCount, comments_count: m.ticket.noteCount },
    replier: author(m),
    // A reply written as text only has no html (SupportBee sends null), not a rendering of the text.
    content: { text: c.text, body: c.text, html: m.bodyHtml ? c.html : null, attachments: c.attachments },
  };
}

export function comment(m: MessageView, links: Links): Out<typeof W.Comment> {
  return {
    id: m.id,
    created_at: iso(m.createdAt),
    ticket: { replies_count: m.ticket.replyCount, comments_count: m.ticket.noteCount },
    commenter: author(m),
    content: content(m.bodyText, m.bodyHtml, m.attachments, links),
  };
}

// ---- drafts ----

export function draft(d: DraftView, links: Links): Out<typeof W.Draft> {
  return {
    id: d.id,
    cc: d.cc.map(address),
    bcc: d.bcc.map(address),
    last_saved_by: userCard(d.user),
    last_saved_at: iso(d.updatedAt),
    content: content(d.bodyText, d.bodyHtml, d.attachments, links),
  };
}

/**
 * A new, unsaved draft of `me`; quoting `q` (the last message) when given, its time shown in
 * `timeZone`. It has the saved draft's shape: strings and objects, never null in their place.
 */
export function newDraft(q: QuotedMessage | null, timeZone: string, me: PersonRow, now: Date): Out<typeof W.Draft> {
  let text = '';
  let html = '';
  if (q) {
    const who = q.authorName ? (q.authorEmail ? `${q.authorName} <${q.authorEmail}>` : q.authorName) : (q.authorEmail ?? 'Someone');
    const intro = `On ${humanTime(q.at, timeZone)}, ${who} wrote:`;
    const quotedText = q.text.split(/\r?\n/).map((l) => `> ${l}`.trimEnd()).join('\n');
    text = `\n\n${intro}\n${quotedText}`;
    html = `<br><br><div class="supportbee_quote">${renderHtml(intro, null)}<blockquote>${renderHtml(q.text, q.html)}</blockquote></div>`;
  }
  return { id: null, cc: [], bcc: [], last_saved_by: userCard(me), last_saved_at: iso(now), content: { text, html, attachments: [] } };
}

// ---- audit ----

type EventRow = { id: number; action: string; description: string | null; data: Prisma.JsonValue; actorName: string | null; createdAt: Date; actor: { name: string; email: string | null } | null };

const dataField = (data: Prisma.JsonValue, key: string): Prisma.JsonValue | undefined =>
  data && typeof data === 'object' && !Array.isArray(data) ? (data as Prisma.JsonObject)[key] : undefined;

const FLAG_WORDS: Record<string, [on: string, off: string]> = {
  archived: ['Archived', 'Unarchived'],
  spam: ['Marked as spam', 'Marked as not spam'],
  trashed: ['Trashed', 'Restored from trash'],
  unanswered: ['Marked as unanswered', 'Marked as answered'],
};

function auditAction(e: EventRow): { action: string; url: string | null; severity: 'info' | 'warning' } {
  const d = e.description;
  const messageId = dataField(e.data, 'messageId');
  switch (e.action) {
    case 'created':
      return { action: 'Created', url: null, severity: 'info' };
    case 'replied':
      return { action: 'Replied', url: `#replies/${messageId}`, severity: 'info' };
    case 'noted':
      return { action: 'Commented', url: `#comments/${messageId}`, severity: 'info' };
    case 'assigned':
      return { action: d ? `Assigned to ${d}` : 'Assigned', url: null, severity: 'info' };
    case 'unassigned':
      return { action: d ? `Unassigned ${d}` : 'Unassigned', url: null, severity: 'info' };
    case 'team_assigned':
      return { action: d ? `Assigned to team ${d}` : 'Assigned to team', url: null, severity: 'info' };
    case 'team_unassigned':
      return { action: d ? `Unassigned team ${d}` : 'Unassigned team', url: null, severity: 'info' };
    case 'labeled':
    case 'unlabeled': {
      const added = dataField(e.data, 'added');
      const removed = dataField(e.data, 'removed');
      const list = (v: unknown) => (Array.isArray(v) ? v.join(', ') : '');
      const parts = [list(added) && `Added label ${list(added)}`, list(removed) && `Removed label ${list(removed)}`].filter(Boolean);
      return { action: parts.join('; ') || 'Labels changed', url: null, severity: 'info' };
    }
    case 'flagged': {
      const flag = String(dataField(e.data, 'flag'));
      const on = dataField(e.data, 'value') === true;
      const words = FLAG_WORDS[flag];
      return { action: words ? words[on ? 0 : 1] : `${flag} ${on}`, url: null, severity: on && (flag === 'spam' || flag === 'trashed') ? 'warning' : 'info' };
    }
    case 'attachment':
      return { action: `Attached ${d ?? 'a file'}`, url: null, severity: 'info' };
    case 'message_deleted':
      return { action: d === 'note' ? 'Deleted a comment' : 'Deleted a reply', url: null, severity: 'warning' };
    case 'filter_applied':
      return { action: 'Filter applied', url: null, severity: 'info' };
    default: {
      const words = e.action.replace(/_/g, ' ');
      return { action: words[0].toUpperCase() + words.slice(1), url: null, severity: 'info' };
    }
  }
}

export function auditEntry(e: EventRow, fallbackActor: { name: string; email: string | null } | null): Out<typeof W.AuditEntry> {
  const name = e.actorName ?? e.actor?.name;
  // The e-mail is the acting user's: shown only when the name is theirs too (not a filter,
  // nor an agent an admin replied on behalf of).
  const email = e.actor && (!e.actorName || e.actorName === e.actor.name) ? e.actor.email : null;
  return {
    ...auditAction(e),
    actor: name ? { name, email } : fallbackActor,
    happened_at: iso(e.createdAt),
  };
}

// ---- wire -> domain ----

const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

/** cc/bcc as the client sent them (comma-separated string or list) -> lower-cased, unique addresses. */
export function addresses(input: string | string[] | null | undefined, field: string): string[] {
  if (input == null) return [];
  const raw = (Array.isArray(input) ? input : [input]).flatMap((s) => s.split(/[,;]/)).map((s) => s.trim()).filter(Boolean);
  const out: string[] = [];
  const bad: string[] = [];
  for (const r of raw) {
    const email = (/<([^>]+)>\s*$/.exec(r)?.[1] ?? r).trim().toLowerCase();
    if (!EMAIL.test(email)) bad.push(`${email} is not a valid e-mail address`);
    else if (!out.includes(email)) out.push(email);
  }
  // Every bad address of the field, under the field's one key.
  if (bad.length) throw new ValidationError(bad[0], { [field]: bad });
  return out;
}

/** A content object from the wire -> sanitized text and HTML. */
export function body(c: z.output<typeof W.ContentIn> | undefined): Body {
  return normalizeBody({ text: c?.text ?? c?.body ?? null, html: c?.html ?? null });
}

// ---- desk (part 2): users, snippets, forwarding addresses ----

/** "Sarah Jane Caring" -> first "Sarah", last "Jane Caring". */
export function splitName(name: string): { first_name: string; last_name: string } {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  return { first_name: first, last_name: rest.join(' ') };
}

export function user(p: PersonView): Out<typeof W.User> {
  return {
    id: p.id,
    type: p.type,
    ...splitName(p.name),
    name: p.name,
    email: p.email,
    role: p.role,
    agent: isAgent(p.role),
    two_factor_authentication_enabled: false,
    picture: picture(p),
    can_members_access_group_tickets: p.type === 'customer_group' ? (p.canMembersAccessGroupTickets ?? false) : null,
    email_domains: p.emailDomains,
    members_count: p.membersCount,
    active_tickets_count: p.activeTicketsCount,
    requested_tickets_count: p.requestedTicketsCount,
    teams: p.teams.map(({ team }) => teamCard(team)),
  };
}

/** A user from the wire -> the domain's input (only the fields sent). */
export function userInput(u: z.output<typeof W.UserIn>): UserInput {
  return {
    name: u.name,
    email: u.email,
    role: u.role,
    type: u.type,
    teamIds: u.team_ids,
    canMembersAccessGroupTickets: u.can_members_access_group_tickets,
    emailDomains: u.email_domains,
  };
}

export function snippet(s: SnippetRow): Out<typeof W.Snippet> {
  return { id: s.id, created_at: iso(s.createdAt), name: s.name, tags: s.tags, content: { text: s.text, html: s.html } };
}

export function forwardingAddress(f: ForwardingAddressRow): Out<typeof W.ForwardingAddress> {
  return { id: f.id, name: f.name, email: f.email, filter_spam: f.filterSpam, use_agent_name: f.useAgentName };
}

