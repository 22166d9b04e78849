// Attachment rows carry the metadata; the bytes go to the configured storage driver
// (src/storage: file system, PostgreSQL or S3), streamed through a hash, never buffered whole.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobStore } from '../../storage/blob-store.js';
import type { Ctx } from '../context.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { cleanText, storableText } from '../text.js';
import { authorize } from '../policy.js';

export class AttachmentTooLargeError extends ValidationError {
  constructor(readonly limit: number) {
    super(`attachment exceeds the size limit of ${limit} bytes`, { files: [`file exceeds ${limit} bytes`] });
  }
}

// type/subtype with optional parameters, printable ASCII only (it goes back out as a header).
const MEDIA_TYPE = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(\s*;\s*[\w!#$&^.+-]+=("[\x20-\x7e]*"|[\w!#$&^.+-]+))*$/;
export interface AttachmentStore {
  blobs: BlobStore;
  maxBytes: number;
}

export interface IncomingFile {
  filename: string;
  contentType: string;
  stream: Readable;
  /** Set by multipart parsers that stop reading at a limit. */
  truncated?: () => boolean;
}

/** Streams one file into storage and records it, unlinked to any ticket yet. */
export async function storeAttachment(
  ctx: Ctx,
  store: AttachmentStore,
  file: IncomingFile,
  link: { ticketId?: number; description?: string | null } = {},
) {
  authorize(ctx, 'attachment.upload');
  const hash = createHash('sha256');
  let size = 0;
  async function* metered() {
    for await (const chunk of file.stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > store.maxBytes) throw new AttachmentTooLargeError(store.maxBytes);
      hash.update(chunk);
      yield chunk;
    }
    if (file.truncated?.()) throw new AttachmentTooLargeError(store.maxBytes);
  }
  let sha256 = '';
  const rel = await store.blobs.put(metered(), () => (sha256 ||= hash.digest('hex')));
  sha256 ||= hash.digest('hex');
  const filename = cleanText(path.basename(file.filename || 'file')).slice(0, 255) || 'file';
  // The type is echoed in download headers: anything but a plain media type becomes octet-stream.
  const contentType = MEDIA_TYPE.test(file.contentType ?? '') ? file.contentType : 'application/octet-stream';
  try {
    return await ctx.db.attachment.create({
      data: {
        workspaceId: ctx.workspaceId,
        ticketId: link.ticketId ?? null,
        uploaderId: ctx.actor?.userId ?? null,
        filename,
        contentType,
        size,
        sha256,
        storagePath: rel,
        description: link.description == null ? null : storableText(link.description),
      },
    });
  } catch (err) {
    // No row, no file: unless another attachment already shares these bytes.
    await removeUnusedFiles({ ...ctx, files: store }, [rel]);
    throw err;
  }
}

export async function findAttachment(ctx: Ctx, id: number) {
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2147483647) throw new NotFoundError('attachment', id);
  const a = await ctx.db.attachment.findFirst({
    where: { id, workspaceId: ctx.workspaceId },
    include: { uploader: { select: { id: true, name: true } } },
  });
  if (!a) throw new NotFoundError('attachment', id);
  return a;
}

export async function openAttachment(store: AttachmentStore, storagePath: string): Promise<{ stream: Readable; size: number }> {
  const found = await store.blobs.get(storagePath);
  if (!found) throw new NotFoundError('attachment file');
  return found;
}

/** The files of these tickets' attachments, read before the tickets are deleted. */
export async function ticketFiles(ctx: Ctx, ticketIds: readonly number[]): Promise<string[]> {
  if (!ctx.files || ticketIds.length === 0) return [];
  const rows = await ctx.db.attachment.findMany({ where: { workspaceId: ctx.workspaceId, ticketId: { in: [...ticketIds] } }, select: { storagePath: true } });
  return [...new Set(rows.map((r) => r.storagePath))];
}

/** Removes files no attachment row refers to any more (files are shared by content hash). */
export async function removeUnusedFiles(ctx: Ctx, paths: readonly string[]): Promise<void> {
  if (ctx.files) await deleteUnreferencedBytes(ctx.db, ctx.files, paths);
}

/** The bytes of these keys that no attachment row (of any workspace) still refers to. */
export async function deleteUnreferencedBytes(db: Ctx['db'], store: AttachmentStore, paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  const stillUsed = new Set(
    (await db.attachment.findMany({ where: { storagePath: { in: [...paths] } }, select: { storagePath: true } })).map((r) => r.storagePath),
  );
  await store.blobs.delete(paths.filter((p) => !stillUsed.has(p)));
}
