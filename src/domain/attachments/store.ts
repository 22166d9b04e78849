// Attachment bytes live on disk under the data dir, content-addressed by sha256; rows
// carry the metadata. Files are streamed through a hash, never buffered whole.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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
  dir: string;
  maxBytes: number;
}

export interface IncomingFile {
  filename: string;
  contentType: string;
  stream: Readable;
  /** Set by multipart parsers that stop reading at a limit. */
  truncated?: () => boolean;
}

/** Streams one file to disk and records it, unlinked to any ticket yet. */
export async function storeAttachment(
  ctx: Ctx,
  store: AttachmentStore,
  file: IncomingFile,
  link: { ticketId?: number; description?: string | null } = {},
) {
  authorize(ctx, 'attachment.upload');
  await mkdir(path.join(store.dir, 'tmp'), { recursive: true });
  const tmp = path.join(store.dir, 'tmp', randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > store.maxBytes) return cb(new AttachmentTooLargeError(store.maxBytes));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(file.stream, meter, createWriteStream(tmp));
    if (file.truncated?.()) throw new AttachmentTooLargeError(store.maxBytes);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  const sha256 = hash.digest('hex');
  const rel = path.join(sha256.slice(0, 2), sha256);
  await mkdir(path.join(store.dir, sha256.slice(0, 2)), { recursive: true });
  await rename(tmp, path.join(store.dir, rel));
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
  const full = path.join(store.dir, storagePath);
  const st = await stat(full).catch(() => null);
  if (!st) throw new NotFoundError('attachment file');
  return { stream: createReadStream(full), size: st.size };
}

/** The files of these tickets' attachments, read before the tickets are deleted. */
export async function ticketFiles(ctx: Ctx, ticketIds: readonly number[]): Promise<string[]> {
  if (!ctx.files || ticketIds.length === 0) return [];
  const rows = await ctx.db.attachment.findMany({ where: { workspaceId: ctx.workspaceId, ticketId: { in: [...ticketIds] } }, select: { storagePath: true } });
  return [...new Set(rows.map((r) => r.storagePath))];
}

/** Removes files no attachment row refers to any more (files are shared by content hash). */
export async function removeUnusedFiles(ctx: Ctx, paths: readonly string[]): Promise<void> {
  if (!ctx.files || paths.length === 0) return;
  const stillUsed = new Set(
    (await ctx.db.attachment.findMany({ where: { storagePath: { in: [...paths] } }, select: { storagePath: true } })).map((r) => r.storagePath),
  );
  for (const p of paths) if (!stillUsed.has(p)) await rm(path.join(ctx.files.dir, p), { force: true });
}
