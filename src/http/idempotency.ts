// Idempotency-Key for creating POSTs (routes opt in with `config: { idempotent: true }`).
//
// 1. Claim: the key is inserted as in_progress in its own statement, so a concurrent
//    duplicate (any instance) sees it and gets 409; a claim whose holder died is taken
//    over after its lease.
// 2. The request then runs inside one request-scoped transaction (request-transaction.ts):
//    its writes and the completed record (status + rendered body) commit together in
//    onSend, once the body is known. A crash before that commit leaves neither.
// 3. Errors (status >= 400) roll the transaction back and release the claim.
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAbortHookHandler, onRequestHookHandler, onResponseHookHandler, onSendHookHandler, preHandlerAsyncHookHandler } from 'fastify';
import type { Db } from '../db/client.js';
import { ValidationError } from '../domain/errors.js';
import { IdempotencyError } from './idempotency-error.js';
import { enterRequestScope, RequestTransaction, setRequestTransaction } from './request-transaction.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route creates something and honours Idempotency-Key. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency?: IdempotentRequest;
  }
}

interface IdempotentRequest {
  id: number;
  owner: string;
  rt: RequestTransaction | null;
  done: boolean;
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** Printable ASCII (what an HTTP header can carry verbatim), 1-255 characters. */
const KEY_RE = /^[\x21-\x7e][\x20-\x7e]{0,254}$/;

export const idempotencyHeaderDoc = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
  description:
    'Makes this create safe to retry (polydesk extension). The first request with a key is processed and its status and body are kept for 24 h; ' +
    'a retry with the same key and the same method, path and body gets that stored answer byte-for-byte with `Idempotent-Replayed: true`. ' +
    'Same key with a different request: 422. Same key while the first is still running: 409 (retry later). Error answers are not kept. ' +
    'Keys are scoped to the credential\'s user and workspace and to the route.',
};

function fingerprint(req: FastifyRequest): string {
  const h = createHash('sha256').update(req.method).update('\n').update(req.url).update('\n');
  // Multipart bodies are streamed by the handler, after the claim: their length stands in.
  if (req.isMultipart()) h.update(`multipart:${req.headers['content-length'] ?? ''}`);
  else h.update(req.body === undefined ? '' : JSON.stringify(req.body));
  return h.digest('hex');
}

async function replay(reply: FastifyReply, row: { responseStatus: number | null; responseType: string | null; responseBody: Uint8Array | null }) {
  reply.code(row.responseStatus ?? 200).header(REPLAYED_HEADER, 'true');
  if (row.responseType) reply.header('content-type', row.responseType);
  return reply.send(Buffer.from(row.responseBody ?? new Uint8Array()));
}

/** Claims the key for this request, or answers from the stored record, or refuses. */
async function claim(db: Db, req: FastifyRequest, reply: FastifyReply, scope: string, key: string, ttlMs: number, leaseMs: number) {
  const fp = fingerprint(req);
  const owner = randomUUID();
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = new Date();
    const lockedUntil = new Date(now.getTime() + leaseMs);
    const inserted = await db.$queryRaw<{ id: number }[]>`
      INSERT INTO "IdempotencyKey" (scope, key, fingerprint, status, owner, "lockedUntil", "expiresAt")
      VALUES (${scope}, ${key}, ${fp}, 'in_progress', ${owner}, ${lockedUntil}, ${new Date(now.getTime() + ttlMs)})
      ON CONFLICT (scope, key) DO NOTHING RETURNING id`;
    if (inserted.length) return { id: inserted[0].id, owner };
    const row = await db.idempotencyKey.findUnique({ where: { scope_key: { scope, key } } });
    if (!row) continue; // swept or released meanwhile
    if (row.expiresAt <= now) {
      await db.idempotencyKey.deleteMany({ where: { id: row.id, expiresAt: { lte: now } } });
      continue;
    }
    if (row.fingerprint !== fp) {
      throw new IdempotencyError('idempotency_mismatch', 'This Idempotency-Key was already used with a different request');
    }
    if (row.status === 'completed') {
      req.idempotency = { id: row.id, owner: row.owner, rt: null, done: true };
      await replay(reply, row);
      return null;
    }
    if (row.lockedUntil > now) {
      reply.header('retry-after', '1');
      throw new IdempotencyError('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed; retry later');
    }
    // The holder outlived its lease (crashed): take over, fenced on the old owner.
    const { count } = await db.idempotencyKey.updateMany({
      where: { id: row.id, owner: row.owner, status: 'in_progress' },
      data: { owner, lockedUntil, fingerprint: fp },
    });
    if (count) return { id: row.id, owner };
  }
  throw new IdempotencyError('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed; retry later');
}

class ClaimLostError extends IdempotencyError {
  constructor() {
    super('idempotency_in_progress', 'This request outlived its Idempotency-Key claim; retry to get the outcome');
  }
}

export function registerIdempotency(app: FastifyInstance, db: Db, opts: { ttlMs: number; leaseMs: number }): void {
  // The hooks ride on the routes that honour Idempotency-Key only: every other request
  // pays nothing for them.
  const preHandler = async (req: FastifyRequest, reply: FastifyReply) => {
    const raw = req.headers[IDEMPOTENCY_HEADER];
    if (raw === undefined) return;
    const key = Array.isArray(raw) ? raw.join(',') : raw;
    if (!KEY_RE.test(key)) throw ValidationError.field('Idempotency-Key', 'Idempotency-Key must be 1 to 255 printable ASCII characters');
    // Anonymous callers have no credential to scope a key to: their requests run as usual.
    const p = req.principal;
    if (!p) return;
    const scope = `${p.workspaceId}:${p.userId}:${req.method}:${req.routeOptions.url}`;
    const claimed = await claim(db, req, reply, scope, key, opts.ttlMs, opts.leaseMs);
    if (!claimed) return reply;
    const rt = new RequestTransaction(db, opts.leaseMs);
    req.idempotency = { ...claimed, rt, done: false };
    setRequestTransaction(rt);
  };

  const release = async (st: IdempotentRequest) => {
    st.done = true;
    await st.rt?.rollback();
    await db.idempotencyKey.deleteMany({ where: { id: st.id, owner: st.owner, status: 'in_progress' } });
  };

  const onSend = async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const st = req.idempotency;
    if (!st || st.done) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : null;
    if (reply.statusCode >= 400 || body === null || !st.rt) {
      await release(st);
      return payload;
    }
    st.done = true;
    const type = reply.getHeader('content-type');
    try {
      await st.rt.commit(async (tx) => {
        const { count } = await tx.idempotencyKey.updateMany({
          where: { id: st.id, owner: st.owner, status: 'in_progress' },
          data: {
            status: 'completed',
            responseStatus: reply.statusCode,
            responseType: typeof type === 'string' ? type : null,
            responseBody: new Uint8Array(body),
            expiresAt: new Date(Date.now() + opts.ttlMs),
          },
        });
        if (count !== 1) throw new ClaimLostError();
      });
    } catch (err) {
      // Nothing committed: the claim is released and the error answered in the dialect's envelope.
      await db.idempotencyKey.deleteMany({ where: { id: st.id, owner: st.owner, status: 'in_progress' } }).catch(() => {});
      throw err;
    }
    return payload;
  };

  // A request that ends without onSend (aborted) must not keep its transaction or claim.
  const settle = async (req: FastifyRequest) => {
    if (req.idempotency && !req.idempotency.done) await release(req.idempotency);
  };

  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return;
    const add = <T>(hooks: T | T[] | undefined, hook: T): T[] => [...(hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]), hook];
    // Each such request runs in its own async context, so the database handle can follow it.
    route.onRequest = add(route.onRequest, ((_req: FastifyRequest, _reply: FastifyReply, done: () => void) => enterRequestScope(done)) as onRequestHookHandler);
    route.preHandler = add(route.preHandler, preHandler as preHandlerAsyncHookHandler);
    route.onSend = add(route.onSend, onSend as onSendHookHandler);
    route.onResponse = add(route.onResponse, settle as onResponseHookHandler);
    route.onRequestAbort = add(route.onRequestAbort, settle as onRequestAbortHookHandler);
  });
}

/** Deletes expired records; returns how many. */
export async function sweepIdempotencyKeys(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.idempotencyKey.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
