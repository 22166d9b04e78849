// One signed POST of an event to an endpoint (Standard Webhooks): a timeout, no redirects,
// and the address of every connection checked against the private ranges.
import http from 'node:http';
import https from 'node:https';
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { isPrivateAddress, parseTarget } from './target.js';

export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/** Standard Webhooks headers for `body`, signed with the endpoint's `whsec_` secret. */
export function signedHeaders(secret: string, eventId: string, body: string, at = new Date()): Record<string, string> {
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(eventId, at, body),
  };
}

const publicOnly: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 4);
    const list = addresses as unknown as dns.LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(Object.assign(new Error(`refusing private address ${bad.address}`), { code: 'EPRIVATE' }), '', 4);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

export function send(opts: { url: string; secret: string; eventId: string; body: string; timeoutMs: number; allowPrivate: boolean; signal?: AbortSignal }): Promise<SendResult> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = parseTarget(opts.url);
    } catch (err) {
      return resolve({ ok: false, statusCode: null, error: (err as Error).message });
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!opts.allowPrivate && isIP(host) && isPrivateAddress(host)) {
      return resolve({ ok: false, statusCode: null, error: `refusing private address ${host}` });
    }
    const signal = opts.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(opts.timeoutMs)]) : AbortSignal.timeout(opts.timeoutMs);
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      url,
      {
        method: 'POST',
        signal,
        ...(opts.allowPrivate ? {} : { lookup: publicOnly }),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(opts.body),
          'user-agent': 'polydesk-webhooks/1',
          ...signedHeaders(opts.secret, opts.eventId, opts.body),
        },
      },
      (res) => {
        // The answer's body is not used; drain it (bounded by the timeout) so the socket is freed.
        res.resume();
        res.on('end', () => {
          const code = res.statusCode ?? 0;
          const ok = code >= 200 && code < 300;
          // 3xx counts as a failure: redirects are not followed.
          resolve({ ok, statusCode: code, error: ok ? null : `HTTP ${code}` });
        });
        res.on('error', (err) => resolve({ ok: false, statusCode: res.statusCode ?? null, error: err.message }));
      },
    );
    req.on('error', (err) => {
      const timedOut = signal.aborted && (signal.reason as Error | undefined)?.name === 'TimeoutError';
      resolve({ ok: false, statusCode: null, error: timedOut ? `timed out after ${opts.timeoutMs} ms` : err.message });
    });
    req.end(opts.body);
  });
}
