// S3-compatible driver (AWS S3, MinIO, R2...): one object per upload under S3_PREFIX,
// uploaded as a multipart stream (5 MiB parts) and downloaded as a stream.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { StorageConfig } from '../config.js';
import type { BlobStore } from './blob-store.js';

export function s3BlobStore(c: Extract<StorageConfig, { driver: 's3' }>): BlobStore {
  const client = new S3Client({
    region: c.region,
    endpoint: c.endpoint,
    forcePathStyle: c.forcePathStyle,
    // Without explicit keys the SDK's default chain applies (env, instance role...).
    ...(c.accessKeyId && c.secretAccessKey ? { credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey } } : {}),
  });
  const missing = (err: unknown) => err instanceof S3ServiceException && (err.name === 'NoSuchKey' || err.$metadata.httpStatusCode === 404);
  return {
    driver: 's3',
    async put(source) {
      const key = `${c.prefix}${randomUUID()}`;
      // Upload aborts its multipart upload when the body fails (too large, client gone).
      await new Upload({ client, params: { Bucket: c.bucket, Key: key, Body: Readable.from(source) } }).done();
      return key;
    },
    async get(key) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: c.bucket, Key: key }));
        return { stream: res.Body as Readable, size: res.ContentLength ?? 0 };
      } catch (err) {
        if (missing(err)) return null;
        throw err;
      }
    },
    async delete(keys) {
      for (const key of keys) await client.send(new DeleteObjectCommand({ Bucket: c.bucket, Key: key }));
    },
    // Objects are written only as a whole; abandoned multipart parts are the bucket's lifecycle rule's job.
    async sweepOrphans() {
      return 0;
    },
  };
}
