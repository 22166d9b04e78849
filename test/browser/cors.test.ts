// A web form on another origin posts a ticket to the anonymous SupportBee route with fetch:
// created (201) from an origin in CORS_ORIGINS, blocked by the browser from any other.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';
import { chromiumPath, launchBrowser, listen, noBrowserMessage, type TestBrowser } from '../helpers/browser.js';

if (!chromiumPath) console.warn(noBrowserMessage('CORS browser test'));

// A plain HTML form; its script posts the fields as JSON (which needs a CORS preflight).
const FORM = `<!doctype html>
<html><head><meta charset="utf-8"><title>Contact support</title></head>
<body>
<form id="f">
  <input name="subject" value="Cannot log in">
  <input name="email" value="visitor@example.test">
  <textarea name="text">Password reset mail never arrives.</textarea>
  <button type="submit">Send</button>
</form>
<p id="result"></p>
<script>
document.getElementById('f').addEventListener('submit', async function (e) {
  e.preventDefault();
  var api = new URLSearchParams(location.search).get('api');
  var f = new FormData(e.target);
  var out = document.getElementById('result');
  try {
    var res = await fetch(api + '/supportbee/tickets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ticket: { subject: f.get('subject'), requester_email: f.get('email'), content: { text: f.get('text') } } })
    });
    out.textContent = 'status ' + res.status;
  } catch (err) {
    out.textContent = 'blocked';
  }
});
</script>
</body></html>`;

async function formServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(FORM));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

describe.skipIf(!chromiumPath)('web form on another origin, in Chromium', () => {
  let t: TestApp;
  let b: TestBrowser;
  let api: string;
  let allowed: Awaited<ReturnType<typeof formServer>>;
  let other: Awaited<ReturnType<typeof formServer>>;

  beforeAll(async () => {
    allowed = await formServer();
    other = await formServer();
    t = await startApp({ CORS_ORIGINS: allowed.origin });
    api = await listen(t.app);
    b = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
    await allowed?.close();
    await other?.close();
  });

  async function submitFrom(origin: string): Promise<string> {
    const page = await b.browser.newPage();
    try {
      await page.goto(`${origin}/?api=${encodeURIComponent(api)}`);
      await page.click('button[type=submit]');
      const el = await page.waitForFunction(() => document.getElementById('result')!.textContent, { timeout: 20_000 });
      return String(await el.jsonValue());
    } finally {
      await page.close();
    }
  }

  it('creates the ticket from an allowed origin', async () => {
    expect(await submitFrom(allowed.origin)).toBe('status 201');
    expect(await t.db.ticket.count({ where: { subject: 'Cannot log in' } })).toBe(1);
  }, 60_000);

  it('is blocked by the browser from another origin, and nothing is created', async () => {
    const before = await t.db.ticket.count();
    expect(await submitFrom(other.origin)).toBe('blocked');
    expect(await t.db.ticket.count()).toBe(before);
  }, 60_000);
});
