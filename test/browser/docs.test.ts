// Each API's docs page in a real browser: press Authorize, enter a token, run one request
// from the page and see 200.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { chromiumPath, launchBrowser, listen, noBrowserMessage, type TestBrowser } from '../helpers/browser.js';

if (!chromiumPath) console.warn(noBrowserMessage('docs browser test'));

describe.skipIf(!chromiumPath)('docs pages in Chromium', () => {
  let t: TestApp;
  let b: TestBrowser;
  let base: string;
  let ws: WorkspaceFixture;
  let number: number;

  beforeAll(async () => {
    t = await startApp();
    ws = await t.workspace('docs');
    const created = await t.app.inject({
      method: 'POST',
      url: '/taskip/api/public-v1/support-ticket',
      headers: { 'x-secret-key': ws.agent.token },
      payload: { subject: 'Printer on fire', description: 'Third floor', priority: 1 },
    });
    expect(created.statusCode).toBe(201);
    number = (await t.db.ticket.findFirstOrThrow({ where: { workspaceId: ws.id } })).number;
    base = await listen(t.app);
    b = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  /** Authorize with the first security scheme, then try one GET and return the status shown. */
  async function tryIt(page: Page, doc: string, credential: string, path: string, params: Record<string, string> = {}): Promise<string> {
    await page.goto(`${base}/docs/${doc}`, { waitUntil: 'load' });
    await page.waitForSelector('.swagger-ui .btn.authorize', { timeout: 30_000 });
    await page.click('.swagger-ui .btn.authorize');
    await page.waitForSelector('.modal-ux .auth-container input');
    await page.type('.modal-ux .auth-container input', credential);
    await page.click('.modal-ux .auth-container .auth-btn-wrapper .btn.authorize');
    await page.waitForSelector('.modal-ux .auth-container .btn-done, .modal-ux .auth-container button.logout');
    await page.click('.modal-ux .close-modal');

    const block = `.opblock-get:has(.opblock-summary-path[data-path="${path}"])`;
    await page.waitForSelector(block);
    await page.click(`${block} .opblock-summary`);
    await page.waitForSelector(`${block} .try-out__btn`);
    await page.click(`${block} .try-out__btn`);
    for (const [name, value] of Object.entries(params)) await page.type(`${block} tr[data-param-name="${name}"] input`, value);
    await page.click(`${block} .execute`);
    const status = await page.waitForSelector(`${block} .live-responses-table .response .response-col_status`, { timeout: 30_000 });
    return (await status!.evaluate((el) => el.textContent ?? '')).trim();
  }

  const cases: Array<[string, () => string, string, () => Record<string, string>]> = [
    ['admin', () => t.adminToken, '/users', () => ({})],
    ['suptask', () => `Api-Token ${ws.agent.token}`, '/ticket/{ticketNumber}', () => ({ ticketNumber: String(number) })],
    ['supportbee', () => ws.agent.token, '/tickets', () => ({})],
    ['crm', () => ws.agent.token, '/api/tickets', () => ({})],
    ['taskip', () => ws.agent.token, '/api/public-v1/support-ticket', () => ({})],
    ['sympoq', () => ws.agent.token, '/app/desk/api/ticket/{id}', () => ({ id: String(number) })],
  ];

  for (const [doc, credential, path, params] of cases) {
    it(`${doc}: Authorize, try ${path}, 200`, async () => {
      const page = await b.browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      try {
        expect(await tryIt(page, doc, credential(), path, params())).toBe('200');
        // The docs CSP lets the page work: no violations reported.
        expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
      } finally {
        await page.close();
      }
    }, 90_000);
  }
});
