/**
 * Stored XSS (OWASP ASVS 5.3.3): an account, a contact and a timeline note whose names and bodies are script,
 * event-handler, SVG and javascript: payloads are shown as text on the accounts list, the account page (all
 * tabs) and the contacts list. The check does not lean on the Content-Security-Policy alone (it would block
 * inline scripts even if markup were injected): the page's DOM must hold no injected element, no event-handler
 * attribute and no javascript: link, and no dialog may open.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO, signIn, unique } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { expectText, expectVisible } from './support/expect.ts';

const JS_WEBSITE = 'javascript:alert(document.domain)//https://example.com';

function payloads(mark: string) {
  return {
    accountName: `<script>alert('account')</script><img src=x onerror="alert('img')"> Xss ${mark}`,
    notes: `<svg onload="alert('svg')"><script>alert('notes')</script></svg> <a href="javascript:alert('notes link')">notes link</a>`,
    tag: '<b onmouseover=alert(1)>tag</b>',
    firstName: `<img src=x onerror=alert('contact')>`,
    lastName: `<svg/onload=alert('last')> ${mark}`,
    jobTitle: `"><script>alert('job')</script>`,
    subject: `<iframe src="javascript:alert('subject')"></iframe> ${mark}`,
    body: `<a href="javascript:alert('body')">click me</a>\n<svg><script>alert('svg body')</script></svg>\n<img src=x onerror=alert('body img')>`,
  };
}

/** What injected markup would leave in the DOM, whatever the CSP then blocked. */
async function injectedMarkup(page: Page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      scripts: [...document.querySelectorAll('script')].filter((s) => (s.textContent ?? '').includes('alert(')).length,
      handlerAttributes: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
      injectedElements: document.querySelectorAll('img[src="x"], iframe, b[onmouseover], svg[onload]').length,
      javascriptUrls: all
        .flatMap((el) => ['href', 'src', 'xlink:href', 'action', 'formaction'].map((n) => el.getAttribute(n) ?? ''))
        .filter((v) => /^\s*javascript:/i.test(v)),
    };
  });
}

async function expectInert(page: Page, dialogs: string[], where: string) {
  assert.deepEqual(await injectedMarkup(page), { scripts: 0, handlerAttributes: [], injectedElements: 0, javascriptUrls: [] }, where);
  assert.deepEqual(dialogs, [], `${where}: a dialog opened`);
}

e2e('XSS payloads in account, contact and note fields are shown as text and never run', async ({ page, context }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  // An injected <img src=x> would fetch ".../x".
  const strayRequests: string[] = [];
  page.on('request', (r) => {
    if (/\/x$/.test(new URL(r.url()).pathname)) strayRequests.push(r.url());
  });

  await signIn(page, DEMO.admin);
  const csrf = { 'x-csrf-token': (await context.cookies()).find((c) => c.name === 'c365_csrf')?.value ?? '' };
  const mark = unique('xss').replace(' ', '');
  const p = payloads(mark);

  // The server refuses a javascript: website, naming the field.
  const refused = await page.request.post('/api/v1/accounts', { data: { name: p.accountName, website: JS_WEBSITE }, headers: csrf });
  assert.equal(refused.status(), 400);
  assert.ok(((await refused.json()) as { details: { field: string }[] }).details.some((d) => d.field === 'website'));

  const created = await page.request.post('/api/v1/accounts', {
    data: { name: p.accountName, notes: p.notes, tags: [p.tag], website: 'https://xss.example' },
    headers: csrf,
  });
  assert.equal(created.status(), 201, await created.text());
  const accountId = ((await created.json()) as { id: string }).id;
  const contact = await page.request.post(`/api/v1/accounts/${accountId}/contacts`, {
    data: { firstName: p.firstName, lastName: p.lastName, jobTitle: p.jobTitle },
    headers: csrf,
  });
  assert.equal(contact.status(), 201, await contact.text());
  const note = await page.request.post(`/api/v1/accounts/${accountId}/interactions`, {
    data: { kind: 'note', subject: p.subject, body: p.body },
    headers: csrf,
  });
  assert.equal(note.status(), 201, await note.text());

  // A row stored before the server checked websites (or written by other means) may still hold one: the
  // account as the server sends it, with such an address put back in, must not become a link.
  await page.route(`**/api/v1/accounts/${accountId}`, async (route) => {
    const response = await route.fetch();
    if (route.request().method() !== 'GET') return route.fulfill({ response });
    const json = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...json, website: JS_WEBSITE } });
  });

  // The accounts list.
  const listResponse = await page.goto(`/accounts?q=${encodeURIComponent(mark)}`);
  const csp = listResponse?.headers()['content-security-policy'] ?? '';
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/);
  const row = page.getByTestId('accounts-table-row').filter({ hasText: mark });
  await expectText(row, p.accountName);
  await expectInert(page, dialogs, 'accounts list');

  // The account page: header, contacts tab (the default), timeline and details.
  await page.goto(`/accounts/${accountId}`);
  await expectText(page.getByTestId('account-name'), p.accountName);
  await expectText(page.getByRole('row').filter({ hasText: mark }), `${p.firstName} ${p.lastName}`);
  await expectText(page.getByRole('row').filter({ hasText: mark }), p.jobTitle);
  await expectText(page.getByRole('main'), JS_WEBSITE);
  await expectInert(page, dialogs, 'account page, contacts tab');
  await expectText(page.getByTestId('website-text').first(), JS_WEBSITE);
  assert.equal(await page.getByTestId('website-link').count(), 0, 'a javascript: website was rendered as a link');

  await page.goto(`/accounts/${accountId}?tab=timeline`);
  const item = page.getByTestId('timeline-item').filter({ hasText: mark });
  await expectText(item, p.subject);
  for (const line of p.body.split('\n')) await expectText(item, line);
  await expectInert(page, dialogs, 'account page, timeline tab');

  await page.goto(`/accounts/${accountId}?tab=details`);
  await expectText(page.getByText(p.notes, { exact: true }).first(), p.notes);
  await expectVisible(page.getByText(p.tag, { exact: true }).first());
  await expectInert(page, dialogs, 'account page, details tab');
  await expectText(page.getByTestId('website-text').last(), JS_WEBSITE);
  assert.equal(await page.getByTestId('website-link').count(), 0, 'a javascript: website was rendered as a link');

  // The contacts list.
  await page.goto(`/contacts?q=${encodeURIComponent(mark)}`);
  const contactRow = page.getByTestId('contacts-table-row').filter({ hasText: mark });
  await expectText(contactRow, p.firstName);
  await expectText(contactRow, p.accountName);
  await expectInert(page, dialogs, 'contacts list');

  assert.deepEqual(strayRequests, [], 'an injected <img src=x> was loaded');
});

e2e('an ordinary http(s) website is still a link that opens in a new tab', async ({ page, context }) => {
  await signIn(page, DEMO.admin);
  const csrf = { 'x-csrf-token': (await context.cookies()).find((c) => c.name === 'c365_csrf')?.value ?? '' };
  const created = await page.request.post('/api/v1/accounts', {
    data: { name: unique('Website link'), website: 'https://www.example.com/about' },
    headers: csrf,
  });
  assert.equal(created.status(), 201, await created.text());
  await page.goto(`/accounts/${((await created.json()) as { id: string }).id}?tab=details`);
  const link = page.getByTestId('website-link').first();
  await expectVisible(link);
  assert.equal(await link.getAttribute('href'), 'https://www.example.com/about');
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.match((await link.getAttribute('rel')) ?? '', /noopener/);
});
