// Slow clients against a real listening server: a body trickled byte by byte is cut off at
// the request timeout (408 or a closed socket), and /healthz keeps answering while hundreds
// of such connections are open. Multipart uploads get the longer upload timeout.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';

const REQUEST_TIMEOUT_MS = 1500;

/** Sends headers and one body byte every 200 ms; resolves when the server ends the connection. */
function slowBody(port: number, headers: Record<string, string>): { done: Promise<{ afterMs: number; response: string }>; socket: net.Socket } {
  const socket = net.connect(port, '127.0.0.1');
  const started = Date.now();
  let response = '';
  socket.setEncoding('utf8');
  socket.on('data', (d) => (response += d));
  socket.on('error', () => {});
  socket.on('connect', () => {
    socket.write(`POST /supportbee/tickets HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n{`);
  });
  const drip = setInterval(() => socket.writable && socket.write(' '), 200);
  const done = new Promise<{ afterMs: number; response: string }>((resolve) =>
    socket.on('close', () => {
      clearInterval(drip);
      resolve({ afterMs: Date.now() - started, response });
    }),
  );
  return { done, socket };
}

describe('timeouts and connection limits', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startApp({ REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), UPLOAD_TIMEOUT_MS: '6000', HEADERS_TIMEOUT_MS: '1000' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(() => t?.close());

  it('closes a slow JSON body within the request timeout, with 408', async () => {
    const { done } = slowBody(port, { 'content-type': 'application/json' });
    const { afterMs, response } = await done;
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
    expect(afterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(afterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 2500);
  });

  it('gives multipart uploads the longer upload timeout', async () => {
    const { done, socket } = slowBody(port, { 'content-type': 'multipart/form-data; boundary=x' });
    const first = await Promise.race([done, new Promise<null>((r) => setTimeout(() => r(null), REQUEST_TIMEOUT_MS + 1000))]);
    expect(first).toBeNull(); // still open after the plain request timeout
    const { afterMs } = await done; // and cut at the upload timeout (Node answers 408 too)
    expect(afterMs).toBeGreaterThanOrEqual(6000 - 50);
    expect(afterMs).toBeLessThan(6000 + 3000);
    socket.destroy();
  }, 20_000);

  it('keeps answering /healthz while 300 slow-body connections are open, then drops them all', async () => {
    const slow = Array.from({ length: 300 }, () => slowBody(port, { 'content-type': 'application/json' }));
    let closedCount = 0;
    for (const s of slow) void s.done.then(() => closedCount++);
    await new Promise((r) => setTimeout(r, 300));
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    const closedWhenAnswered = closedCount;
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(closedWhenAnswered).toBeLessThan(300); // answered while slow connections were still held open
    const closed = await Promise.all(slow.map((s) => s.done));
    expect(Math.max(...closed.map((c) => c.afterMs))).toBeLessThan(REQUEST_TIMEOUT_MS + 8000);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  }, 60_000);

  it('sets the connection cap and the header timeout on the server', () => {
    expect(t.app.server.maxConnections).toBe(2048);
    expect(t.app.server.headersTimeout).toBe(1000);
    expect(t.app.server.requestTimeout).toBe(6000);
  });
});
