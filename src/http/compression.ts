// Response compression for JSON, the docs pages and their assets, at the fast end of each
// codec: every response is compressed once, on the request's path. Brotli at quality 4 (its
// default, 11, costs more CPU per response than it saves in transfer for an API); gzip and
// deflate at level 1, nginx's default (zlib's 6 took a 645 KB Sympoq page from 3 to 5-7 ms
// end to end, for a body a fifth smaller).
import { constants } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import compress from '@fastify/compress';

export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip', 'deflate'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 1 },
    // Request bodies stay as sent: inflating them would sidestep the body size limit.
    globalDecompression: false,
  });
}
