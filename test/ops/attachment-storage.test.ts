// Attachment storage drivers behind one interface, driven over HTTP: file system, PostgreSQL
// (chunks in the database; runs on PGlite and on PostgreSQL) and S3 (against s3rver, a local
// S3-compatible server). Exact bytes back, nothing left behind by a rejected upload, bytes
// gone with their rows (in the deleting transaction for PostgreSQL), and the sweeper.
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepUnreferencedUploads } from '../../src/domain/attachments/sweep.js';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';

const LIMIT = 1024 * 1024;

async function filesUnder(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).length;
}

interface Driver {
  env: Record<string, string>;
  stored(t: TestApp): Promise<number>;
  setup?(): Promise<void>;
  teardown?(): Promise<void>;
}

let s3: { server: S3rver; dir: string; client: S3Client; endpoint: string } | undefined;
const drivers: Record<'fs' | 'postgres' | 's3', Driver> = {
  fs: { env: { ATTACHMENT_STORAGE: 'fs' }, stored: (t) => filesUnder(t.config.attachmentsDir) },
  postgres: {
    env: { ATTACHMENT_STORAGE: 'postgres' },
    stored: async (t) => (await t.db.attachmentChunk.groupBy({ by: ['key'] })).length,
  },
  s3: {
    get env() {
      return { ATTACHMENT_STORAGE: 's3', S3_ENDPOINT: s3!.endpoint, S3_BUCKET: 'polydesk', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_PREFIX: 'att/' };
    },
    stored: async () => (await s3!.client.send(new ListObjectsV2Command({ Bucket: 'polydesk', Prefix: 'att/' }))).KeyCount ?? 0,
    async setup() {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'polydesk-s3-'));
      const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir });
      const { port } = await server.run();
      const endpoint = `http://127.0.0.1:${port}`;
      const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
      await client.send(new CreateBucketCommand({ Bucket: 'polydesk' }));
      s3 = { server, dir, client, endpoint };
    },
    async teardown() {
      await s3?.server.close();
      if (s3) await rm(s3.dir, { recursive: true, force: true });
    },
  },
};

describe.each(Object.keys(drivers) as (keyof typeof drivers)[])('attachment storage: %s', (name) => {
  const driver = drivers[name];
  let t: TestApp;
  let ws: WorkspaceFixture;
  const upload = (files: { value: Buffer; filename: string }[]) => {
    const { payload, headers } = multipart(files.map((f) => ({ name: 'files[]', ...f })));
    return t.app.inject({ method: 'POST', url: '/supportbee/attachments', headers: { ...headers, authorization: `Bearer ${ws.agent.token}` }, payload });
  };
  const download = (id: number) => t.app.inject({ url: `/supportbee/attachments/${id}/download`, headers: { authorization: `Bearer ${ws.agent.token}` } });

  beforeAll(async () => {
    await driver.setup?.();
    t = await startApp({ ...driver.env, ATTACHMENT_LIMIT_BYTES: String(LIMIT) });
    ws = await t.workspace('files');
  });
  afterAll(async () => {
    await t?.close();
    await driver.teardown?.();
  });

  it('stores and streams back exact bytes (empty, small, several chunks)', async () => {
    expect(t.app.attachmentStore.blobs.driver).toBe(name);
    for (const bytes of [Buffer.alloc(0), randomBytes(10), randomBytes(700 * 1024)]) {
      const up = await upload([{ value: bytes, filename: 'f.bin' }]);
      expect(up.statusCode).toBe(201);
      const dl = await download(up.json().id);
      expect(dl.statusCode).toBe(200);
      expect(Number(dl.headers['content-length'])).toBe(bytes.length);
      expect(Buffer.compare(dl.rawPayload, bytes)).toBe(0);
    }
  });

  it('leaves no bytes behind when an upload is rejected half way', async () => {
    const before = await driver.stored(t);
    const res = await upload([
      { value: randomBytes(1000), filename: 'ok.bin' },
      { value: randomBytes(LIMIT + 300 * 1024), filename: 'big.bin' },
    ]);
    expect(res.statusCode).toBe(413);
    expect(await driver.stored(t)).toBe(before);
    expect(await t.db.attachment.count({ where: { filename: { in: ['ok.bin', 'big.bin'] } } })).toBe(0);
  });

  it('removes bytes with their rows; the sweeper removes old unreferenced uploads only, once across instances', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push((await upload([{ value: randomBytes(5000 + i), filename: `s${i}.bin` }])).json().id);
    const [oldLoose, oldLinked, youngLoose, oldLoose2] = ids as [number, number, number, number];
    const ticket = await t.app.inject({
      method: 'POST',
      url: '/supportbee/tickets',
      headers: { authorization: `Bearer ${ws.agent.token}` },
      payload: { ticket: { subject: 'with file', requester_email: 'r@x.test', requester_name: 'R', content: { text: 'see file', attachment_ids: [oldLinked] } } },
    });
    expect(ticket.statusCode).toBe(201);
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    await t.db.attachment.updateMany({ where: { id: { in: [oldLoose, oldLinked, oldLoose2] } }, data: { createdAt: dayAgo } });
    const before = await driver.stored(t);

    // Two instances sweeping at once: each row is removed exactly once.
    const cutoff = new Date(Date.now() - t.config.sweeper.ageMs);
    const [r1, r2] = await Promise.all([sweepUnreferencedUploads(t.db, t.app.attachmentStore, cutoff), sweepUnreferencedUploads(t.db, t.app.attachmentStore, cutoff)]);
    expect(r1.uploads + r2.uploads).toBe(2);
    expect((await download(oldLoose)).statusCode).toBe(404);
    expect((await download(oldLoose2)).statusCode).toBe(404);
    expect((await download(oldLinked)).statusCode).toBe(200);
    expect((await download(youngLoose)).statusCode).toBe(200);
    expect(await driver.stored(t)).toBe(before - 2);

    // Deleting the ticket deletes its attachment rows, and their bytes.
    await t.db.ticket.delete({ where: { id: (await t.db.attachment.findUniqueOrThrow({ where: { id: oldLinked } })).ticketId! } });
    // PostgreSQL: the trigger removes chunks even on a plain cascade (file system and S3 bytes
    // are removed by the domain's delete paths, tested in the dialects' suites).
    if (name === 'postgres') expect(await driver.stored(t)).toBe(before - 3);
  });

  it.runIf(name === 'postgres')('deletes chunks in the same transaction as their row', async () => {
    const id = (await upload([{ value: randomBytes(600 * 1024), filename: 'tx.bin' }])).json().id as number;
    const { storagePath } = await t.db.attachment.findUniqueOrThrow({ where: { id } });
    const chunks = () => t.db.attachmentChunk.count({ where: { key: storagePath } });
    expect(await chunks()).toBe(3);
    await expect(
      t.db.$transaction(async (tx) => {
        await tx.attachment.delete({ where: { id } });
        expect(await tx.attachmentChunk.count({ where: { key: storagePath } })).toBe(0);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await chunks()).toBe(3); // rolled back with the row
    await t.db.attachment.delete({ where: { id } });
    expect(await chunks()).toBe(0);
  });
});
