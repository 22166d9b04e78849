// Snippets: the workspace's canned responses (name, tags, text and HTML content).
import type { Ctx } from './context.js';
import { NotFoundError, ValidationError } from './errors.js';
import { authorize } from './policy.js';

export interface SnippetInput {
  name?: string;
  tags?: string;
  text?: string;
  html?: string;
}

function name(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const n = raw.trim();
  if (!n) throw ValidationError.field('name', 'name must not be empty');
  return n;
}

export function listSnippets(ctx: Ctx) {
  return ctx.db.snippet.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: { id: 'asc' } });
}

export function createSnippet(ctx: Ctx, input: SnippetInput) {
  authorize(ctx, 'snippet.write');
  const n = name(input.name);
  if (!n) throw ValidationError.field('name', 'name is required');
  return ctx.db.snippet.create({ data: { workspaceId: ctx.workspaceId, name: n, tags: input.tags?.trim() ?? '', text: input.text ?? '', html: input.html ?? '' } });
}

async function requireSnippet(ctx: Ctx, id: number): Promise<void> {
  if (!(await ctx.db.snippet.findFirst({ where: { id, workspaceId: ctx.workspaceId }, select: { id: true } }))) throw new NotFoundError('snippet', id);
}

/** Partial update: fields left out keep their value. */
export async function updateSnippet(ctx: Ctx, id: number, input: SnippetInput) {
  authorize(ctx, 'snippet.write');
  await requireSnippet(ctx, id);
  return ctx.db.snippet.update({
    where: { id },
    data: { name: name(input.name), tags: input.tags?.trim(), text: input.text, html: input.html },
  });
}

export async function deleteSnippet(ctx: Ctx, id: number): Promise<void> {
  authorize(ctx, 'snippet.write');
  const { count } = await ctx.db.snippet.deleteMany({ where: { id, workspaceId: ctx.workspaceId } });
  if (!count) throw new NotFoundError('snippet', id);
}
