// The configured attachment storage driver. The S3 SDK is loaded only when chosen.
import type { StorageConfig } from '../config.js';
import type { Db } from '../db/client.js';
import type { BlobStore } from './blob-store.js';
import { fsBlobStore } from './fs-store.js';
import { postgresBlobStore } from './postgres-store.js';

export async function openBlobStore(c: StorageConfig, db: Db): Promise<BlobStore> {
  if (c.driver === 'fs') return fsBlobStore(c.dir);
  if (c.driver === 'postgres') return postgresBlobStore(db);
  const { s3BlobStore } = await import('./s3-store.js');
  return s3BlobStore(c);
}
