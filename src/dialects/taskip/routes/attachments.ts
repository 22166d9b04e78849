// /api/public-v1/ticket/{id}/attachments: multipart upload of files[], listing with
// download URLs, and the authenticated download itself (exact bytes, streamed).
import { openAttachment } from '../../../domain/attachments/store.js';
import { downloadHeaders } from '../../../http/download.js';
import { receiveUploads, uploadLimiter } from '../../../http/uploads.js';
import { attachToTicket, discardUploads, ticketAttachment, ticketAttachments } from '../../../domain/attachments/ticket-files.js';
import { resolveTicketId } from '../../../domain/tickets/find.js';
import { ValidationError } from '../../../domain/errors.js';
import type { RouteKit, TaskipApp } from '../route.js';
import { AttachmentsResponse, DownloadParams, IdParams, UploadBody, UploadResponse } from '../schemas.js';
import { attachmentWire } from '../mappers.js';
import { iso } from '../format.js';
import { ErrorBody } from '../errors.js';
import { z } from 'zod';

const FileBytes = z.string().meta({ format: 'binary' }).describe('The file, byte for byte as uploaded');

const P = '/api/public-v1/ticket/:id/attachments';
const FILE_FIELDS = new Set(['files[]', 'files', 'file']);

export function attachmentRoutes(app: TaskipApp, { op, scope }: RouteKit) {
  const upload = op('Upload ticket attachments (multipart files[])', { params: IdParams, body: UploadBody, consumes: ['multipart/form-data'], response: { 201: UploadResponse, 413: ErrorBody } });
  app.post(P, { ...upload, onRequest: uploadLimiter(app), config: { idempotent: true } }, async (req, reply) => {
    const { ctx } = scope(req);
    const ticketId = await resolveTicketId(ctx, { id: req.params.id });
    if (!req.isMultipart()) throw ValidationError.field('files', 'The files[] field is required.');
    const { attachments, fields } = await receiveUploads(req, ctx, { fileFields: FILE_FIELDS });
    const stored = attachments.map((a) => a.id);
    try {
      if (!stored.length) throw ValidationError.field('files', 'The files[] field is required.');
      const files = await attachToTicket(ctx, { id: ticketId }, stored, fields.description ?? null);
      return reply.status(201).send({
        success: true as const,
        message: 'Attachments uploaded successfully',
        data: {
          ticket_id: ticketId,
          uploaded_files: files.map((f) => ({ id: f.id, filename: f.filename, original_filename: f.filename, file_size: f.size, mime_type: f.contentType, uploaded_at: iso(f.createdAt) })),
        },
      });
    } catch (err) {
      // All or nothing: a rejected batch leaves no half-uploaded files behind.
      await discardUploads(ctx, stored);
      throw err;
    }
  });

  app.get(P, op('Get ticket attachments', { params: IdParams, response: { 200: AttachmentsResponse } }), async (req) => {
    const { ctx, base } = scope(req);
    const rows = await ticketAttachments(ctx, { id: req.params.id });
    return {
      success: true as const,
      data: {
        ticket_id: req.params.id,
        attachments: rows.map((a) => attachmentWire(a, base)),
        total_attachments: rows.length,
        total_size: rows.reduce((n, a) => n + a.size, 0),
      },
    };
  });

  app.get(`${P}/:attachmentId/download`, op('Download an attachment (the exact bytes uploaded)', { params: DownloadParams, produces: ['application/octet-stream'], response: { 200: FileBytes } }), async (req, reply) => {
    const { ctx } = scope(req);
    const a = await ticketAttachment(ctx, { id: req.params.id }, req.params.attachmentId);
    const { stream, size } = await openAttachment(app.attachmentStore, a.storagePath);
    // A stream is sent as is (no serializer); the schema only documents the bytes.
    return downloadHeaders(reply, { ...a, size }).send(stream as unknown as string);
  });
}
