// Response compression for JSON, the docs pages and their assets. Brotli at a low quality:
// its default (11) costs more CPU per response than it saves in transfer for an API.
import { constants } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import compress from '@fastify/compress';

export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip', 'deflate'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    // Request bodies stay as sent: inflating them would sidestep the body size limit.
    globalDecompression: false,
  });
}
