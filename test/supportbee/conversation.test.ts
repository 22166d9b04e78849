// SupportBee replies, comments and drafts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, WorkspaceFixture } from '../helpers/app.js';
import { newTicket, supportBeeApp, type Client } from './client.js';

let t: TestApp;
let ws: WorkspaceFixture;
let agent: Client;
let admin: Client;
beforeAll(async () => {
  ({ t, ws, agent, admin } = await supportBeeApp());
});
afterAll(() => t.close());

const show = async (id: number) => (await agent('GET', `/tickets/${id}`)).body.ticket;

describe('replies', () => {
  it('posts a reply: 201 {reply}, counters, last activity, first response time', async () => {
    const tk = await newTicket(agent, 'Reply to me');
    await t.db.ticket.update({ where: { id: tk.id }, data: { lastActivityAt: new Date('2001-01-01T00:00:00Z') } });
    const res = await agent('POST', `/tickets/${tk.id}/replies`, { reply: { cc: ['cc@customer.test'], bcc: [], content: { html: '<p>Reply content</p>', text: 'Reply content', attachment_ids: [] } } });
    expect(res.status).toBe(201);
    const r = res.body.reply;
    expect(r).toEqual({
      id: expect.any(Number),
      created_at: expect.stringMatching(/Z$/),
      summary: 'Reply content',
      cc: [{ name: '', email: 'cc@customer.test', picture: expect.any(Object) }],
      bcc: [],
      ticket: { replies_count: 1, comments_count: 0 },
      replier: { id: ws.agent.id, name: 'agent acme', agent: true, picture: expect.objectContaining({ thumb64: expect.any(String) }) },
      content: { text: 'Reply content', body: 'Reply content', html: '<p>Reply content</p>', attachments: [] },
    });
    const after = await show(tk.id);
    expect(after).toMatchObject({ replies_count: 1, unanswered: false });
    expect(after.last_activity_at > '2001-01-01T00:00:00Z' && after.last_activity_at.startsWith('20')).toBe(true);
    expect(Date.parse(after.last_activity_at)).toBeGreaterThan(Date.parse('2020-01-01'));
    const row = await t.db.ticket.findUniqueOrThrow({ where: { id: tk.id } });
    expect(row.firstResponseAt).not.toBeNull();
    const first = row.firstResponseAt!.getTime();
    await agent('POST', `/tickets/${tk.id}/replies`, { reply: { content: { text: 'Second' } } });
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: tk.id } })).firstResponseAt!.getTime()).toBe(first);

    const list = await agent('GET', `/tickets/${tk.id}/replies`);
    expect(list.status).toBe(200);
    expect(list.body.replies.map((x: { summary: string }) => x.summary)).toEqual(['Reply content', 'Second']);
    expect(list.body.replies[1].ticket).toEqual({ replies_count: 2, comments_count: 0 });

    const one = await agent('GET', `/tickets/${tk.id}/replies/${r.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: r.id, summary: 'Reply content' });
  });

  it('sanitizes HTML and derives the missing form', async () => {
    const tk = await newTicket(agent, 'Html reply');
    const r = (await agent('POST', `/tickets/${tk.id}/replies`, { reply: { content: { html: '<div>Hi <a href="javascript:alert(1)" onmouseover="x()">there</a></div><img src=x onerror=alert(1)>' } } })).body.reply;
    expect(r.content.html).not.toMatch(/javascript|onmouseover|onerror/);
    expect(r.content.text).toBe('Hi there');
    const r2 = (await agent('POST', `/tickets/${tk.id}/replies`, { reply: { content: { text: 'a & b\nc' } } })).body.reply;
    // Text only: no html, as SupportBee answers a text reply.
    expect(r2.content.html).toBeNull();
  });

  it('admins may reply on behalf of an agent; agents may not', async () => {
    const tk = await newTicket(agent, 'On behalf');
    const res = await admin('POST', `/tickets/${tk.id}/replies`, { reply: { replier_id: ws.agent.id, content: { text: 'Signed by the agent' } } });
    expect(res.status).toBe(201);
    expect(res.body.reply.replier.id).toBe(ws.agent.id);
    const denied = await agent('POST', `/tickets/${tk.id}/replies`, { reply: { replier_id: ws.admin.id, content: { text: 'x' } } });
    expect(denied.status).toBe(403);
  });

  it('errors: empty content 400, unknown ticket or reply 404, a comment is not a reply', async () => {
    const tk = await newTicket(agent, 'Reply errors');
    expect((await agent('POST', `/tickets/${tk.id}/replies`, { reply: { content: { text: '  ' } } })).status).toBe(400);
    expect((await agent('POST', `/tickets/${tk.id}/replies`, {})).status).toBe(400);
    expect((await agent('POST', '/tickets/999999/replies', { reply: { content: { text: 'x' } } })).status).toBe(404);
    expect((await agent('GET', '/tickets/999999/replies')).status).toBe(404);
    const c = (await agent('POST', `/tickets/${tk.id}/comments`, { comment: { content: { text: 'note' } } })).body.comment;
    expect((await agent('GET', `/tickets/${tk.id}/replies/${c.id}`)).status).toBe(404);
    const other = await newTicket(agent, 'Other ticket');
    const r = (await agent('POST', `/tickets/${other.id}/replies`, { reply: { content: { text: 'x' } } })).body.reply;
    const wrong = await agent('GET', `/tickets/${tk.id}/replies/${r.id}`);
    expect(wrong.status).toBe(404);
    expect(wrong.body).toEqual({ error: 'Reply not found' });
  });
});

describe('comments', () => {
  it('posts and lists internal comments without answering the ticket', async () => {
    const tk = await newTicket(agent, 'Comment on me');
    const res = await agent('POST', `/tickets/${tk.id}/comments`, { comment: { content: { text: 'test\n\n-- \nRegards,\nAgent' } } });
    expect(res.status).toBe(201);
    expect(res.body.comment).toEqual({
      id: expect.any(Number),
      created_at: expect.any(String),
      ticket: { replies_count: 0, comments_count: 1 },
      commenter: { id: ws.agent.id, name: 'agent acme', agent: true, picture: expect.any(Object) },
      content: { text: 'test\n\n-- \nRegards,\nAgent', html: 'test<br /><br />-- <br />Regards,<br />Agent', attachments: [] },
    });
    const after = await show(tk.id);
    expect(after).toMatchObject({ comments_count: 1, replies_count: 0, unanswered: true });
    const list = await agent('GET', `/tickets/${tk.id}/comments`);
    expect(list.body.comments).toHaveLength(1);
    expect((await agent('GET', `/tickets/${tk.id}/replies`)).body.replies).toEqual([]);
    expect((await agent('POST', `/tickets/${tk.id}/comments`, { comment: { content: {} } })).status).toBe(400);
    expect((await agent('GET', '/tickets/999999/comments')).status).toBe(404);
  });
});

describe('drafts', () => {
  it('GET without a draft quotes the last message in the time zone; quote=false gives an empty one', async () => {
    const tk = await newTicket(agent, 'Draft me', { requester_name: 'Robert Requester', requester_email: 'rob@customer.test' }, { text: 'My printer\nis broken' });
    await t.db.ticket.update({ where: { id: tk.id }, data: { createdAt: new Date('2001-02-15T04:05:06Z') } });
    const utc = await agent('GET', `/tickets/${tk.id}/draft`);
    expect(utc.status).toBe(200);
    expect(utc.body.draft).toMatchObject({ id: null, cc: [], bcc: [], last_saved_by: { id: ws.agent.id, name: 'agent acme' }, last_saved_at: expect.any(String) });
    expect(utc.body.draft.content.text).toBe('\n\nOn Thu, Feb 15, 2001 at 4:05 AM UTC, Robert Requester <rob@customer.test> wrote:\n> My printer\n> is broken');
    expect(utc.body.draft.content.html).toContain('<blockquote>My printer<br />is broken</blockquote>');
    const ny = await agent('GET', `/tickets/${tk.id}/draft?time_zone=America/New_York`);
    expect(ny.body.draft.content.text).toContain('On Wed, Feb 14, 2001 at 11:05 PM EST');
    const bare = await agent('GET', `/tickets/${tk.id}/draft?quote=false`);
    expect(bare.body.draft.content).toEqual({ text: '', html: '', attachments: [] });
    expect(bare.body.draft.last_saved_by).toMatchObject({ id: ws.agent.id, agent: true });
    expect(bare.body.draft.last_saved_at).toEqual(expect.any(String));
    const badTz = await agent('GET', `/tickets/${tk.id}/draft?time_zone=Mars/Olympus`);
    expect(badTz.status).toBe(400);
    expect(badTz.body.errors).toHaveProperty('time_zone');
    // After a reply, the reply is what gets quoted.
    await agent('POST', `/tickets/${tk.id}/replies`, { reply: { content: { text: 'Try turning it off' } } });
    const quoted = await agent('GET', `/tickets/${tk.id}/draft`);
    expect(quoted.body.draft.content.text).toMatch(/agent acme <.*> wrote:\n> Try turning it off$/);
  });

  it('POST creates, PUT updates, DELETE removes; drafts are per agent', async () => {
    const tk = await newTicket(agent, 'Draft lifecycle');
    expect((await agent('PUT', `/tickets/${tk.id}/draft`, { draft: { content: { text: 'x' } } })).status).toBe(404);
    const created = await agent('POST', `/tickets/${tk.id}/draft`, { draft: { content: { text: 'Draft reply content', html: '<p>Draft reply content</p>', attachment_ids: [] }, bcc: 'boss@acme.test' } });
    expect(created.status).toBe(201);
    expect(created.body.draft).toEqual({
      id: expect.any(Number),
      cc: [],
      bcc: [{ name: '', email: 'boss@acme.test', picture: expect.any(Object) }],
      last_saved_by: { id: ws.agent.id, name: 'agent acme', agent: true, picture: expect.any(Object) },
      last_saved_at: expect.stringMatching(/Z$/),
      content: { text: 'Draft reply content', html: '<p>Draft reply content</p>', attachments: [] },
    });
    expect((await agent('GET', `/tickets/${tk.id}/draft`)).body).toEqual(created.body);
    // Another agent has no draft here.
    expect((await admin('GET', `/tickets/${tk.id}/draft`)).body.draft.id).toBeNull();
    const updated = await agent('PUT', `/tickets/${tk.id}/draft`, { draft: { cc: ['cc@acme.test'] } });
    expect(updated.status).toBe(200);
    expect(updated.body.draft).toMatchObject({ id: created.body.draft.id, content: { text: 'Draft reply content' } });
    expect(updated.body.draft.cc.map((c: { email: string }) => c.email)).toEqual(['cc@acme.test']);
    expect(updated.body.draft.bcc.map((c: { email: string }) => c.email)).toEqual(['boss@acme.test']);
    const retext = await agent('PUT', `/tickets/${tk.id}/draft`, { draft: { content: { text: 'Changed' } } });
    expect(retext.body.draft.content).toMatchObject({ text: 'Changed', html: 'Changed' });
    // POST again replaces the draft.
    const replaced = await agent('POST', `/tickets/${tk.id}/draft`, { draft: { content: { text: 'Fresh' } } });
    expect(replaced.body.draft).toMatchObject({ id: created.body.draft.id, cc: [], bcc: [], content: { text: 'Fresh' } });
    const del = await agent('DELETE', `/tickets/${tk.id}/draft`);
    expect(del.status).toBe(204);
    expect((await agent('GET', `/tickets/${tk.id}/draft?quote=false`)).body.draft.id).toBeNull();
    expect((await agent('DELETE', `/tickets/${tk.id}/draft`)).status).toBe(404);
    expect((await agent('GET', '/tickets/999999/draft')).status).toBe(404);
    expect((await agent('POST', `/tickets/${tk.id}/draft`, { draft: { bcc: 'not an email' } })).status).toBe(400);
  });
});
